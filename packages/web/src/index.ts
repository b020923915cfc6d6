export { GMCR_STYLE, type GraphInput, gmcrElements, gmcrLayout } from './charts/gmcr-graph';
export { type ScatterChoice, type ScatterInput, spaceScatterOption } from './charts/space-scatter';
export { dateOf, type TimelineItem, timelineOption } from './charts/timeline-chart';
