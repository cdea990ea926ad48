// The logs intake's limit for one log (https://docs.datadoghq.com/api/latest/logs/#send-logs: a log over 1 MB is
// truncated), kept by two stages: sources cut long lines to MAX_MESSAGE_BYTES as they read them
// (sources/s3-object.ts) and close joined multi-line entries at it (sources/split-multiline.ts), and transform
// truncates what is still longer (transform/serialize.ts).

export const MAX_LOG_BYTES = 1_000_000;
/** Room kept for the attributes around the message when truncating. */
const ATTRIBUTE_ROOM_BYTES = 16_000;
export const TRUNCATION_MARKER = '...TRUNCATED';
/** The longest message (UTF-8 bytes) sent whole; sources that read long lines cut them to this already. */
export const MAX_MESSAGE_BYTES = MAX_LOG_BYTES - ATTRIBUTE_ROOM_BYTES;
