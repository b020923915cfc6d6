// Page furniture around an article: navigation, banners, share bars, related links, comments, footers.
const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'button', 'select', 'iframe', 'dialog', 'menu']);
const BOILERPLATE_WORDS = new Set([
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'share',
  'sharing',
  'social',
  'related',
  'recommended',
  'recommendations',
  'newsletter',
  'subscribe',
  'subscription',
  'promo',
  'advert',
  'advertisement',
  'ad',
  'ads',
  'sponsored',
  'breadcrumb',
  'breadcrumbs',
  'menu',
  'navbar',
  'nav',
  'navigation',
  'topbar',
  'masthead',
  'footer',
  'comments',
  'comment',
  'sidebar',
  'popup',
  'modal',
  'banner',
  'paywall',
  'signup',
  'outbrain',
  'taboola',
  'trending',
  'tags',
  // Bylines and timestamps repeat the metadata; their dates are not events.
  'byline',
  'timestamp',
  'meta',
]);
const BOILERPLATE_ROLES = /^(?:navigation|banner|contentinfo|complementary|dialog|search|alertdialog)$/i;
const LINK_LIST_HEADING =
  /^\s*(?:related|more (?:from|on|stories|news)|read more|recommended|most (?:read|popular|viewed)|popular|trending|you may also like|also read|see also|latest news|top stories)\b/i;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
// No `<` inside a tag or its quoted values: a page of unclosed tags is then scanned once, not from every `<`.
// The name is taken whole through a lookahead (JavaScript has no possessive quantifier), so the attributes cannot re-split it.
const TAG = /<(\/?)(?=([a-zA-Z][\w:-]*))\2((?:[^<>"']|"[^<>"]*"|'[^<>']*')*)>/g;
// A "Related articles" heading opens its block: only this many characters of a block are read for one.
const HEADING_WINDOW = 1000;

/** Offsets of every match of a global pattern, to count matches in a range by binary search. */
function offsetsOf(html: string, pattern: RegExp): number[] {
  return Array.from(html.matchAll(pattern), (m) => m.index);
}

/** How many of the sorted offsets lie in [start, end). */
function countIn(offsets: number[], start: number, end: number): number {
  const below = (x: number) => {
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((offsets[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return below(end) - below(start);
}

function attribute(attrs: string, name: string): string {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
}

/** Whether an opening tag starts a block of page furniture rather than article text. */
function isFurniture(tag: string, attrs: string, insideArticle: boolean): boolean {
  if (BOILERPLATE_TAGS.has(tag)) return true;
  if (tag === 'header' && !insideArticle) return true;
  if (/\shidden(?=[\s=/]|$)/i.test(attrs)) return true;
  if (/aria-hidden\s*=\s*["']?true/i.test(attrs)) return true;
  if (BOILERPLATE_ROLES.test(attribute(attrs, 'role'))) return true;
  const words = `${attribute(attrs, 'class')} ${attribute(attrs, 'id')}`.toLowerCase().split(/[\s_-]+/);
  return words.some((w) => BOILERPLATE_WORDS.has(w));
}

interface Element {
  tag: string;
  open: number;
  contentStart: number;
  furniture: boolean;
  article: boolean;
}

/**
 * Removes page furniture from an HTML page and keeps the article: navigation, headers and footers
 * outside the article, asides, forms and buttons, blocks whose class or id names cookies, sharing,
 * related links, newsletters, adverts, menus or comments, and link lists headed "Related articles".
 * A block that holds the headline or most of the page's paragraphs is kept whatever its class.
 */
export function stripBoilerplate(html: string): string {
  const paragraphStarts = offsetsOf(html, /<p[\s>]/gi);
  const headlineStarts = offsetsOf(html, /<h1[\s>]/gi);
  const paragraphs = paragraphStarts.length;
  const cuts: [number, number][] = [];
  const stack: Element[] = [];
  // Open elements per tag name: a closing tag nothing matches is skipped without walking the stack.
  const openCount = new Map<string, number>();
  let articleDepth = 0;
  for (const m of html.matchAll(TAG)) {
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toLowerCase();
    const attrs = m[3] ?? '';
    if (VOID.has(tag) || attrs.trimEnd().endsWith('/')) continue;
    if (!closing) {
      const furniture = isFurniture(tag, attrs, articleDepth > 0);
      const article = tag === 'article' || tag === 'main';
      if (article) articleDepth++;
      stack.push({ tag, open: m.index, contentStart: m.index + m[0].length, furniture, article });
      openCount.set(tag, (openCount.get(tag) ?? 0) + 1);
      continue;
    }
    if (!openCount.get(tag)) continue;
    // Close the nearest open element of this name (browsers forgive missing end tags; so do we).
    let at = stack.length - 1;
    while (at >= 0 && stack[at]?.tag !== tag) at--;
    if (at < 0) continue;
    const closed = stack.splice(at);
    for (const el of closed) {
      if (el.article) articleDepth--;
      openCount.set(el.tag, (openCount.get(el.tag) ?? 1) - 1);
    }
    const el = closed[0] as Element;
    const end = m.index + m[0].length;
    let remove = el.furniture;
    if (!remove && /^(?:section|div|ul|ol)$/.test(tag)) {
      const head = html.slice(el.contentStart, Math.min(m.index, el.contentStart + HEADING_WINDOW));
      const heading = /^\s*<(h[1-6]|strong|p|span)\b[^<>]*>([\s\S]*?)<\/\1>/i.exec(head);
      if (heading && LINK_LIST_HEADING.test((heading[2] ?? '').replace(/<[^<>]*>/g, ''))) remove = true;
    }
    if (remove) {
      const ownParagraphs = countIn(paragraphStarts, el.contentStart, m.index);
      const keeps =
        countIn(headlineStarts, el.contentStart, m.index) > 0 || (paragraphs >= 4 && ownParagraphs > paragraphs / 2);
      if (!keeps) cuts.push([el.open, end]);
    }
  }
  if (cuts.length === 0) return html;
  cuts.sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [s, e] of cuts) {
    if (s < cursor) {
      cursor = Math.max(cursor, e);
      continue;
    }
    out += `${html.slice(cursor, s)}\n`;
    cursor = e;
  }
  return out + html.slice(cursor);
}
