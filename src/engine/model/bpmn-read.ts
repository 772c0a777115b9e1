import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

/** A moddle element as bpmn-moddle gives it: typed by `$type`, properties by name. */
export type ModdleElement = {
  $type: string;
  id?: string;
  name?: string;
  $parent?: ModdleElement;
  $attrs?: Record<string, string>;
  [property: string]: unknown;
};

export type ReadResult =
  | { ok: true; definitions: ModdleElement; warnings: string[] }
  | { ok: false; error: string };

// camunda-bpmn-moddle and zeebe-bpmn-moddle both define `modelerTemplate`, so one moddle cannot
// hold both; a model drawn for Camunda 8 declares the zeebe namespace, one for Camunda 7 does not.
const camundaModdle = new BpmnModdle({ camunda });
const zeebeModdle = new BpmnModdle({ zeebe });

const MAX_XML_BYTES = 5 * 1024 * 1024;

/**
 * Parses BPMN 2.0 XML as Camunda Modeler and bpmn-js write it, with Camunda 7 or Camunda 8
 * extension attributes. Refuses DOCTYPE declarations (no entities, hence no external-entity or
 * entity-expansion attacks) and oversized documents.
 */
export async function readBpmn(xml: string): Promise<ReadResult> {
  if (Buffer.byteLength(xml, 'utf8') > MAX_XML_BYTES) return { ok: false, error: `the BPMN document is larger than ${MAX_XML_BYTES / 1024 / 1024} MiB` };
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) return { ok: false, error: 'DOCTYPE and entity declarations are not accepted in BPMN documents' };
  const moddle = /xmlns:zeebe\s*=/.test(xml) ? zeebeModdle : camundaModdle;
  try {
    const result = await moddle.fromXML(xml, 'bpmn:Definitions');
    const definitions = result.rootElement as unknown as ModdleElement | undefined;
    if (!definitions || definitions.$type !== 'bpmn:Definitions') return { ok: false, error: 'the document is not BPMN 2.0 (no bpmn:definitions root)' };
    const warnings = (result.warnings ?? []).map((w: { message: string }) => w.message.split('\n')[0]!);
    const fatal = warnings.find((w) => w.startsWith('unparsable content'));
    if (fatal) return { ok: false, error: fatal };
    return { ok: true, definitions, warnings };
  } catch (error) {
    return { ok: false, error: `the document is not well-formed BPMN XML: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** A list property of a moddle element (moddle leaves absent lists undefined). */
export function list(element: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** Extension elements of a given type (`camunda:InputOutput`, `zeebe:TaskDefinition`). */
export function extensions(element: ModdleElement, type: string): ModdleElement[] {
  const container = element.extensionElements as ModdleElement | undefined;
  return list(container, 'values').filter((v) => v.$type === type);
}

export function str(element: ModdleElement | undefined, property: string): string | null {
  const value = element?.[property];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** An attribute in a namespace of our own (`banklane:notCompletedBy`), whatever its prefix. */
export function foreignAttr(element: ModdleElement, localName: string): string | null {
  for (const [key, value] of Object.entries(element.$attrs ?? {})) {
    if (key.split(':').pop() === localName && key.includes(':') && !key.startsWith('xmlns')) return value;
  }
  return null;
}

/** Camunda extension properties (`<camunda:property name= value=>`), by name. */
export function properties(element: ModdleElement): Map<string, string> {
  const result = new Map<string, string>();
  for (const props of [...extensions(element, 'camunda:Properties'), ...extensions(element, 'zeebe:Properties')]) {
    for (const p of list(props, 'values').concat(list(props, 'properties'))) {
      const name = str(p, 'name');
      const value = str(p, 'value');
      if (name && value !== null) result.set(name, value);
    }
  }
  return result;
}
