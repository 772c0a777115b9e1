// DMN XML → compiled `DmnModel`. dmn-moddle reads the XML; `dmn-build.ts` turns its objects into
// plain data; `dmn-validate.ts` refuses what the engine cannot run. Nothing is evaluated here.
import { DmnModdle } from 'dmn-moddle';
import { buildModel } from './dmn-build.ts';
import type { DmnModel } from './dmn-model.ts';
import { validateModel } from './dmn-validate.ts';

/** A reason the model is refused, with the id of the XML element at fault when there is one. */
export type DmnParseError = { elementId: string | null; message: string };

export type DmnParseResult = { ok: true; model: DmnModel } | { ok: false; errors: DmnParseError[] };

// dmn-moddle knows the DMN 1.3 schema only. DMN 1.1–1.5 share the elements the engine runs
// (decisions, decision tables, literal expressions, invocations, BKMs, input data), so the other
// versions' namespace URIs are rewritten to 1.3's before parsing. Elements that exist only in
// newer versions (e.g. 1.4 `conditional`, 1.5 `typeConstraint`) then show up as unknown types
// and are refused by name rather than silently dropped.
const DMN13_MODEL = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const DMN13_DMNDI = 'https://www.omg.org/spec/DMN/20191111/DMNDI/';
const NAMESPACE_ALIASES: Readonly<Record<string, string>> = {
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd': DMN13_MODEL, // 1.1
  'http://www.omg.org/spec/DMN/20180521/MODEL/': DMN13_MODEL, // 1.2
  'https://www.omg.org/spec/DMN/20211108/MODEL/': DMN13_MODEL, // 1.4
  'https://www.omg.org/spec/DMN/20230324/MODEL/': DMN13_MODEL, // 1.5
  'http://www.omg.org/spec/DMN/20180521/DMNDI/': DMN13_DMNDI,
  'https://www.omg.org/spec/DMN/20211108/DMNDI/': DMN13_DMNDI,
  'https://www.omg.org/spec/DMN/20230324/DMNDI/': DMN13_DMNDI,
};

/**
 * Rewrites the namespace declarations (`xmlns` / `xmlns:prefix`) of DMN 1.1, 1.2, 1.4 and 1.5
 * to DMN 1.3's. Only declarations change: attribute values such as `expressionLanguage` keep
 * the URI the author wrote. Exported for tests.
 */
export function toDmn13Namespaces(xml: string): string {
  return xml.replace(/(\sxmlns(?::[\w.-]+)?\s*=\s*)(["'])([^"']*)\2/g, (whole, head: string, quote: string, uri: string) => {
    const alias = Object.hasOwn(NAMESPACE_ALIASES, uri) ? NAMESPACE_ALIASES[uri] : undefined;
    return alias === undefined ? whole : `${head}${quote}${alias}${quote}`;
  });
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** dmn-moddle's warnings that mean "a DMN element the 1.3 schema does not know". */
function unknownDmnElements(warnings: readonly { message: string }[]): DmnParseError[] {
  const errors: DmnParseError[] = [];
  for (const warning of warnings) {
    const unknownType = /unknown type <dmn:([\w.-]+)>/.exec(warning.message);
    const written = /unparsable content <([\w.:-]+)/.exec(warning.message)?.[1];
    if (unknownType) {
      const line = /line: (\d+)/.exec(warning.message)?.[1];
      errors.push({
        elementId: null,
        message: `unsupported DMN element <${written ?? unknownType[1]}>${line === undefined ? '' : ` (line ${Number(line) + 1})`}: this engine runs DMN 1.3 elements (decision tables, literal expressions, invocations)`,
      });
    }
  }
  return errors;
}

/**
 * Parses DMN 1.1–1.5 XML into a `DmnModel`, refusing (with element ids) what cannot run:
 * an expression language other than FEEL, FEEL that does not parse, a reference to a missing
 * decision, input or BKM, a requirement cycle, unsupported boxed expressions. Camunda's
 * `camunda:` attributes are accepted and ignored. Pure: no I/O, no clock.
 */
export async function parseDmn(xml: string): Promise<DmnParseResult> {
  let parsed;
  try {
    parsed = await new DmnModdle().fromXML(toDmn13Namespaces(xml), 'dmn:Definitions');
  } catch (error) {
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    return { ok: false, errors: [{ elementId: null, message: `not a readable DMN 1.1–1.5 document: ${message}` }] };
  }
  const errors = unknownDmnElements(parsed.warnings);
  const built = buildModel(parsed.rootElement);
  errors.push(...built.errors);
  if (errors.length === 0) errors.push(...validateModel(built.model));
  return errors.length === 0 ? { ok: true, model: built.model } : { ok: false, errors };
}
