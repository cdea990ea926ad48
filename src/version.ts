// The forwarder's version, sent as `forwarder_version` and `DD-EVP-ORIGIN-VERSION`. A test keeps it equal to
// package.json's version.
export const FORWARDER_VERSION = '0.1.0';
