import { z } from 'zod';
import type { ParamCliMeta } from './types';

/** How a parameter is typed, as far as a command line or a form needs to know. */
export type ParamKind = 'boolean' | 'number' | 'integer' | 'string' | 'enum' | 'text';

/** One parameter of an engine, read from its zod schema. */
export interface ParamSpec {
  name: string;
  /** The CLI flag without dashes. */
  flag: string;
  kind: ParamKind;
  description: string;
  required: boolean;
  default?: unknown;
  choices?: string[];
  cli: ParamCliMeta;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

interface Unwrapped {
  inner: z.ZodType;
  optional: boolean;
  defaultValue?: unknown;
  description?: string | undefined;
  cli?: ParamCliMeta | undefined;
}

/** Peels optional, default and preprocess wrappers, collecting what they say. */
function unwrap(schema: z.ZodType): Unwrapped {
  const out: Unwrapped = { inner: schema, optional: false };
  let current: z.ZodType = schema;
  for (let depth = 0; depth < 10; depth++) {
    const meta = z.globalRegistry.get(current) as { description?: string; cli?: ParamCliMeta } | undefined;
    out.description ??= current.description ?? meta?.description;
    out.cli ??= meta?.cli;
    const def = (
      current as unknown as {
        def: { type: string; innerType?: z.ZodType; out?: z.ZodType; in?: z.ZodType; defaultValue?: unknown };
      }
    ).def;
    if (def.type === 'optional' || def.type === 'nullable') {
      out.optional = true;
      current = def.innerType!;
    } else if (def.type === 'default' || def.type === 'prefault') {
      out.optional = true;
      out.defaultValue ??=
        typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
      current = def.innerType!;
    } else if (def.type === 'pipe') {
      // A preprocessed parameter: its command-line form is text that the schema itself parses.
      if ((def.in as unknown as { def: { type: string } }).def.type === 'transform') {
        out.inner = current;
        return { ...out, inner: z.string() };
      }
      current = def.out!;
    } else break;
  }
  out.inner = current;
  return out;
}

function kindOf(schema: z.ZodType): { kind: ParamKind; choices?: string[] } {
  const def = (
    schema as unknown as { def: { type: string; checks?: { _zod: { def: { check: string; format?: string } } }[] } }
  ).def;
  switch (def.type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'number': {
      const integer = (def.checks ?? []).some(
        (c) => c._zod.def.format === 'safeint' || c._zod.def.check === 'number_format',
      );
      return { kind: integer ? 'integer' : 'number' };
    }
    case 'string':
      return { kind: 'string' };
    case 'enum':
      return { kind: 'enum', choices: (schema as z.ZodEnum).options.map(String) };
    default:
      return { kind: 'text' };
  }
}

/**
 * The parameters of an engine's schema as flat specs (name, flag, kind, default, description), for
 * building a command line or a form from the same schema the API validates with.
 */
export function describeParams(schema: z.ZodObject): ParamSpec[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const u = unwrap(field as z.ZodType);
    const { kind, choices } = kindOf(u.inner);
    return {
      name,
      flag: u.cli?.flag ?? kebab(name),
      kind,
      description: u.description ?? '',
      required: !u.optional,
      ...(u.defaultValue !== undefined ? { default: u.defaultValue } : {}),
      ...(choices ? { choices } : {}),
      cli: u.cli ?? {},
    };
  });
}
