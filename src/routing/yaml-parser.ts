// YAML for rule files, with the `yaml` package (YAML 1.2 core schema: `no` stays a string, and errors carry line
// and column). Imported only when a YAML rule file is read, so a forwarder without one never loads it.
// https://eemeli.org/yaml/#parsing-documents

export type YamlParser = (text: string) => { value: unknown; errors: readonly string[] };

export async function loadYamlParser(): Promise<YamlParser> {
  // The default export: in the package (dist/, bundled with code splitting) the package's CommonJS build comes
  // as a default export only, so a named import was undefined there and every YAML rule file failed.
  const { parseDocument } = (await import('yaml')).default;
  return (text) => {
    const document = parseDocument(text, { uniqueKeys: true });
    const errors = document.errors.map((e) => e.message.split('\n')[0]!);
    return { value: errors.length > 0 ? undefined : (document.toJS() as unknown), errors };
  };
}
