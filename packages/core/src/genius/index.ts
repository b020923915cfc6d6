export { type DomainResult, domainEngine, renderDomain } from './domain-engine';
export { parseGeniusDomain, parseGeniusProfile } from './genius-xml';
export { parseGeniusWebDomain, parseGeniusWebProfile } from './geniusweb-json';
export type { GeniusDomain, GeniusIssue, GeniusProfile } from './model';
export { geniusToSpace, readGeniusDomain, readGeniusProfile } from './to-space';
export { parseXml, type XmlElement } from './xml-reader';
