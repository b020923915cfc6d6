import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { EntenteError } from '@entente/core';
import { type EvidenceCase, parseEvidenceExpected, parseEvidenceText } from './evidence-case';

/** Reads every `NN_slug.txt` that has an `NN_slug.expected.json` beside it, in name order. */
export async function readEvidenceDir(dir: string): Promise<EvidenceCase[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new EntenteError('EVIDENCE_INVALID', `Cannot read the folder ${dir}: check the path.`);
  }
  const stems = names
    .filter((n) => n.endsWith('.expected.json') && names.includes(n.replace(/\.expected\.json$/, '.txt')))
    .map((n) => n.replace(/\.expected\.json$/, ''))
    .sort();
  if (stems.length === 0) {
    throw new EntenteError('EVIDENCE_INVALID', `${dir} holds no NN_slug.txt with its NN_slug.expected.json.`);
  }
  return Promise.all(
    stems.map(async (stem) => {
      const [text, json] = await Promise.all([
        readFile(path.join(dir, `${stem}.txt`), 'utf8'),
        readFile(path.join(dir, `${stem}.expected.json`), 'utf8'),
      ]);
      return { ...parseEvidenceText(stem, text), expected: parseEvidenceExpected(`${stem}.expected.json`, json) };
    }),
  );
}
