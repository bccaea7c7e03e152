import type { ThemeChart, ThemeChartInput } from '../bot/charts/theme-chart';
import { errorCodeOf } from '../bot/errors';
import type { Logger } from '../bot/logger';

export type RenderChart = (input: ThemeChartInput) => Promise<ThemeChart>;

/** A report card's chart image, or none: the figures are in the card as text too, so a chart that fails is logged, not fatal. */
export async function reportChart(
  render: RenderChart,
  input: ThemeChartInput,
  alt: string,
  logger: Logger,
): Promise<{ dataUri: string; alt: string } | undefined> {
  try {
    return { dataUri: (await render(input)).dataUri, alt };
  } catch (error) {
    logger.error('chart not rendered', { code: errorCodeOf(error), outcome: 'no-chart' });
    return undefined;
  }
}
