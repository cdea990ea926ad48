// YAML for rule files, with the `yaml` package (YAML 1.2 core schema: `no` stays a string, and errors carry line
// and column). Imported only when a YAML rule file is read, so a forwarder without one never loads it.
// https://eemeli.org/yaml/#parsing-documents
import type * as YamlModule from 'yaml';

type Yaml = typeof YamlModule;

type YamlParser = (text: string) => { value: unknown; errors: readonly string[] };

export async function loadYamlParser(): Promise<YamlParser> {
  // `yaml` is CommonJS: bundled into its own chunk, it is that chunk's default export, not named ones.
  const module = (await import('yaml')) as Yaml & { default?: Yaml };
  const { parseDocument } = module.default ?? module;
  return (text) => {
    const document = parseDocument(text, { uniqueKeys: true });
    const errors = document.errors.map((e) => e.message.split('\n')[0]!);
    return { value: errors.length > 0 ? undefined : (document.toJS() as unknown), errors };
  };
}
