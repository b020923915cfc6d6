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

  it('keeps an attribution-less quote with the person quoted just before, and reads a quote left open after "added,"', () => {
    const text =
      '“The two sides have reached a deal on the exchange,” Prime Minister Sheikh Khalid bin Saud Al-Faris said.\n\n' +
      'During the first, 30-day phase, 40 detainees will be freed, “including women, children and the elderly”.\n\n' +
      'The prime minister, in a short press conference announcing the deal, added, "Orders have been given to both ' +
      'armies. The commanders will speak again next week.\n\n' +
      'Markets rose on the news.';
    expect(speakers(text)).toEqual([
      'Khalid bin Saud Al-Faris :: The two sides have reached a deal on the exchange',
      'Khalid bin Saud Al-Faris :: including women, children and the elderly',
      'Khalid bin Saud Al-Faris :: Orders have been given to both armies. The commanders will speak again next week.',
    ]);
  });

  it('gives a quote far from the verb to the subject that spoke, and a role with "has" to the person named before', () => {
    const text =
      'The Sylvanian Presidency also demanded an end to all foreign arms deliveries to the rebels as a ' +
      '"key condition for any lasting truce in the valley."\n\n' +
      'Freedonian President Ivo Marek has said his country faces a hard choice. ' +
      'The Freedonian leader has vowed that his people “will never give up” their land.';
    expect(speakers(text)).toEqual([
      'Sylvanian Presidency :: key condition for any lasting truce in the valley.',
      'Ivo Marek :: will never give up',
    ]);
  });

  it('reads a speaker the place rule took for a place, and one the writer "spoke to"', () => {
    const text =
      'The head of the delegation at the talks in Valdora, Tomas Varga, says that his side offered a "local truce" ' +
      'for two days.\n\n' +
      'I spoke to Lena Hartmann, director of the Grid Institute in Valdora, last week. ' +
      '"The network lost a third of its capacity over the winter," she said.';
    expect(speakers(text)).toEqual([
      'Tomas Varga :: local truce',
      'Lena Hartmann :: The network lost a third of its capacity over the winter',
    ]);
  });

  it('leaves out a title in quotation marks and an attribution that starts the next sentence', () => {
    const text =
      'On Monday the ministry confirmed the draft Treaty "On the Restoration of Trade between the Republic of Sylvania ' +
      'and the Kingdom of Freedonia" and the end of the talks.\n\n' +
      'President Ivo Marek said the talks would resume and that his country "will not give up its ports". ' +
      'Foreign minister Tomas Varga said in a statement that Sylvania wanted "talks without conditions".';
    expect(speakers(text)).toEqual([
      'Ivo Marek :: will not give up its ports',
      'Tomas Varga :: talks without conditions',
    ]);
  });
});
