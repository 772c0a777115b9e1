// Just enough typing for the two untyped packages this folder uses. Both are read-only here:
// dmn-moddle to read DMN XML, saxen (dmn-moddle's own XML tokenizer) to read TCK test files.

declare module 'dmn-moddle' {
  /** A parsed DMN element: `$type` is `dmn:Decision` and so on; other properties as in DMN 1.3. */
  export type ModdleElement = {
    readonly $type: string;
    readonly $attrs?: Record<string, string>;
    readonly [property: string]: unknown;
  };

  export type ModdleParseResult = {
    rootElement: ModdleElement;
    warnings: { message: string }[];
  };

  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ModdleParseResult>;
  }
}

declare module 'saxen' {
  export type AttrGetter = () => Record<string, string>;
  export type EntityDecoder = (text: string) => string;

  export class Parser {
    constructor(options?: { proxy?: boolean });
    ns(namespaces?: Record<string, string>): void;
    on(event: 'openTag', handler: (name: string, attrs: AttrGetter, decode: EntityDecoder, selfClosing: boolean) => void): void;
    on(event: 'closeTag', handler: (name: string, decode: EntityDecoder, selfClosing: boolean) => void): void;
    on(event: 'text', handler: (text: string, decode: EntityDecoder) => void): void;
    on(event: 'cdata', handler: (text: string) => void): void;
    on(event: 'error' | 'warn', handler: (error: Error) => void): void;
    parse(xml: string): void;
  }
}
