import { describe, expect, it } from 'vitest';
import { extractFromText } from './extract';

const speakers = (text: string) =>
  extractFromText(text, { published: '2031-03-05' }).quotes.map((q) => `${q.speakerName ?? q.speaker} :: ${q.text}`);

describe('quote speakers across sentences', () => {
  it('gives a readout\'s words to the body that issued it, and "it said" to the same body', () => {
    const text =
      'The talks ended, according to a readout issued by the Sylvanian Presidency on Monday.\n\n' +
      '"Both sides reaffirmed the truce along the river," the statement said.\n\n' +
      'In a statement late on Monday, Freedonia announced it had held "direct and frank contacts" with the mediators.\n' +
      'The "contacts will continue next week," it said.';
    expect(speakers(text)).toEqual([
      'Sylvanian Presidency :: Both sides reaffirmed the truce along the river',
      'Freedonia :: direct and frank contacts',
      'Freedonia :: contacts will continue next week',
    ]);
  });

  it('resolves a role subject to the person introduced with it, not to a name in between', () => {
    const text =
      'The adviser to the Freedonian president, Ivo Marek, made this statement to reporters. ' +
      'The president’s adviser said that Lenz’s visit "came at the right moment."';
    expect(speakers(text)).toEqual(['Ivo Marek :: came at the right moment.']);
  });

  it('keeps particles in names and reads mixed quote marks and guillemets', () => {
    const text =
      '“The deal is a solid base for the next phase", Prime Minister Sheikh Khalid bin Saud Al-Faris said.\n' +
      'Chief negotiator Tomas Varga said the sides were «close to a lasting and verified truce».';
    expect(speakers(text)).toEqual([
      'Khalid bin Saud Al-Faris :: The deal is a solid base for the next phase',
      'Tomas Varga :: close to a lasting and verified truce',
    ]);
  });

  it('gives a paragraph-opening quote to the speaker of the sentence before it', () => {
    const text =
      "Sylvania's Foreign Ministry said in a statement on Monday that the draft was ready.\n" +
      '"The text is ready for signing and we await the other side."\n' +
      'Ana Petrova also said the border commission would meet.\n\n' +
      '"We expect the commission to finish its work within the year.';
    expect(speakers(text)).toEqual([
      "Sylvania's Foreign Ministry :: The text is ready for signing and we await the other side.",
      'Ana Petrova :: We expect the commission to finish its work within the year.',
    ]);
  });
});
