import type { Tx } from '../../platform/db/pool.ts';
import { SHIPPED_INSTRUMENTS } from './definitions.ts';
import type { InstrumentDefinition } from './instrument.ts';
import * as repo from './repository.ts';

/**
 * Every instrument definition the platform knows: the shipped ones and those an administrator
 * added (new instruments, or new versions of shipped ones). New scores use an instrument's latest
 * version; old scores keep the version they were scored against.
 */
export type InstrumentRegister = {
  all: readonly InstrumentDefinition[];
  latest: (code: string) => InstrumentDefinition | undefined;
  version: (code: string, version: number) => InstrumentDefinition | undefined;
  /** The latest version of each instrument, in the order they were first defined. */
  current: () => InstrumentDefinition[];
};

export function registerOf(definitions: readonly InstrumentDefinition[]): InstrumentRegister {
  const all = [...definitions];
  const version = (code: string, v: number) => all.find((d) => d.code === code && d.version === v);
  const latest = (code: string) =>
    all.filter((d) => d.code === code).reduce<InstrumentDefinition | undefined>((best, d) => (!best || d.version > best.version ? d : best), undefined);
  const current = () => [...new Set(all.map((d) => d.code))].map((code) => latest(code)!);
  return { all, latest, version, current };
}

export async function loadRegister(tx: Tx): Promise<InstrumentRegister> {
  return registerOf([...SHIPPED_INSTRUMENTS, ...(await repo.addedInstruments(tx))]);
}
