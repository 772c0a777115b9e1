// Writing OCEL 2.0 (object-centric event logs, JSON): events stream out one by one; the objects
// they relate to, and the event and object types, are gathered on the way and written at the end.

export type OcelType = 'string' | 'time' | 'integer' | 'float' | 'boolean';
export type OcelValue = string | number | boolean;
export type OcelRelationship = { objectId: string; qualifier: string };
export type OcelEvent = { id: string; type: string; time: Date; attributes: Record<string, unknown>; relationships: OcelRelationship[] };
export type OcelObject = { id: string; type: string; attributes: Record<string, unknown>; relationships: OcelRelationship[] };

/** Static object attributes carry the earliest instant: OCEL 2.0's convention for a value held from the start. */
const FROM_THE_START = '1970-01-01T00:00:00.000Z';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): OcelType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'string' && ISO.test(value)) return 'time';
  return 'string';
}

/**
 * The attribute types of one event or object type, as its values are seen. An attribute seen with
 * two types is declared a string (an integer seen also as a float, a float) and its values written
 * as text, so every value matches its declared type.
 */
class TypeRegistry {
  private readonly types = new Map<string, Map<string, OcelType>>();

  declare(type: string, attributes: Record<string, unknown>): void {
    let known = this.types.get(type);
    if (!known) this.types.set(type, (known = new Map()));
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined) continue;
      const seen = typeOf(value);
      const before = known.get(name);
      if (before === undefined) known.set(name, seen);
      else if (before !== seen) known.set(name, (before === 'integer' && seen === 'float') || (before === 'float' && seen === 'integer') ? 'float' : 'string');
    }
  }

  value(type: string, name: string, value: unknown): OcelValue {
    const declared = this.types.get(type)?.get(name);
    if (declared === 'string' || typeof value === 'object') return typeof value === 'object' ? JSON.stringify(value) : String(value);
    return value as OcelValue;
  }

  list(): { name: string; attributes: { name: string; type: OcelType }[] }[] {
    return [...this.types].sort(([a], [b]) => a.localeCompare(b)).map(([name, attrs]) => ({ name, attributes: [...attrs].map(([n, t]) => ({ name: n, type: t })) }));
  }
}

/**
 * Builds an OCEL 2.0 document as text pieces. The events' attribute types must be known before
 * they are written (`declareEvents`, from a first pass); objects may be added and enriched until
 * `end`, which writes them and the types.
 */
export class OcelWriter {
  private readonly eventTypes = new TypeRegistry();
  private readonly objectTypes = new TypeRegistry();
  private readonly objects = new Map<string, OcelObject>();
  private first = true;

  declareEvents(type: string, attributes: Record<string, unknown>): void {
    this.eventTypes.declare(type, attributes);
  }

  /** An object, once: later calls add attributes and relationships it did not have. */
  object(id: string, type: string, attributes: Record<string, unknown> = {}, relationships: OcelRelationship[] = []): string {
    let o = this.objects.get(id);
    if (!o) this.objects.set(id, (o = { id, type, attributes: {}, relationships: [] }));
    for (const [k, v] of Object.entries(attributes)) if (v !== null && v !== undefined && !(k in o.attributes)) o.attributes[k] = v;
    for (const r of relationships) this.relate(id, r);
    return id;
  }

  /** Relates an object already written to another. */
  relate(id: string, relationship: OcelRelationship): void {
    const o = this.objects.get(id)!;
    if (!o.relationships.some((x) => x.objectId === relationship.objectId && x.qualifier === relationship.qualifier)) o.relationships.push(relationship);
  }

  start(): string {
    return '{"events":[';
  }

  event(e: OcelEvent): string {
    this.eventTypes.declare(e.type, e.attributes);
    const attributes = Object.entries(e.attributes).filter(([, v]) => v !== null && v !== undefined).map(([name, v]) => ({ name, value: this.eventTypes.value(e.type, name, v) }));
    const text = JSON.stringify({ id: e.id, type: e.type, time: e.time.toISOString(), attributes, relationships: e.relationships });
    const out = this.first ? text : `,\n${text}`;
    this.first = false;
    return out;
  }

  end(): string {
    for (const o of this.objects.values()) this.objectTypes.declare(o.type, o.attributes);
    const objects = [...this.objects.values()].map((o) => JSON.stringify({
      id: o.id,
      type: o.type,
      attributes: Object.entries(o.attributes).map(([name, v]) => ({ name, time: FROM_THE_START, value: this.objectTypes.value(o.type, name, v) })),
      relationships: o.relationships,
    }));
    return `],\n"objects":[${objects.join(',\n')}],\n"eventTypes":${JSON.stringify(this.eventTypes.list())},\n"objectTypes":${JSON.stringify(this.objectTypes.list())}}\n`;
  }
}
