// The console's percentages follow the rules every report shares (see shared/src/percent.ts).
export { percentOfTarget as percent, shares } from '@dealboard/shared';
