import { mkdirSync, writeFileSync } from 'node:fs';
import { renderThemeChart, SUPPRESSED_MARK, themeChartSvg, type ThemeChartBar, type ThemeChartInput } from '../../bot/charts/theme-chart';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_PNG_BYTES = 40 * 1024;

const THEME_LABELS = [
  'Payments on time',
  'Allowance levels',
  'Tax statements',
  'Transport reliability',
  'Contact with the supervising social worker',
  'Planning and reviews',
  'Access to training',
  'Skills and accreditation',
  'Communication',
  'Recognition',
  'Wellbeing and support',
  'Health and education',
  'Other',
];

const chartOf = (bars: readonly ThemeChartBar[]): ThemeChartInput => ({
  title: 'Feedback themes from carers',
  currentLabel: 'Last 3 months (1 Sep to 30 Nov 2026)',
  previousLabel: 'Previous 3 months',
  axisTitle: 'Number of carers',
  bars,
});

const themes = (count: number): ThemeChartBar[] =>
  THEME_LABELS.slice(0, count).map((label, i) => ({ label, current: ((i * 7) % 23) + 3, previous: ((i * 5) % 17) + 3 }));

/** Width and height from the PNG's IHDR chunk, which always comes first, right after the signature. */
const ihdrSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('theme chart', () => {
  it('renders all 13 themes as a PNG no larger than a Teams message can carry, and saves it for a person to look at', async () => {
    const bars = themes(13);
    bars[2] = { label: 'Tax statements', current: null, previous: 13 };
    bars[5] = { label: 'Planning and reviews', current: 15, previous: null };
    bars[12] = { label: 'Other', current: 0, previous: 0 };

    const chart = await renderThemeChart(chartOf(bars));

    expect(chart.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(ihdrSize(chart.png)).toEqual({ width: chart.width, height: chart.height });
    expect(chart.width).toBe(640);
    expect(chart.png.length).toBeLessThan(MAX_PNG_BYTES);
    expect(chart.dataUri).toBe(`data:image/png;base64,${chart.png.toString('base64')}`);
    mkdirSync('.test-results', { recursive: true });
    writeFileSync('.test-results/theme-chart.png', chart.png);
  });

  it('grows taller with more themes and keeps its width', async () => {
    const [few, many] = await Promise.all([renderThemeChart(chartOf(themes(3))), renderThemeChart(chartOf(themes(13)))]);
    expect(many.height).toBeGreaterThan(few.height);
    expect(many.width).toBe(few.width);
  });

  it('gives the same bytes for the same input', async () => {
    const [first, second] = await Promise.all([renderThemeChart(chartOf(themes(13))), renderThemeChart(chartOf(themes(13)))]);
    expect(first.png.equals(second.png)).toBe(true);
  });

  it('draws a suppressed count as the words "fewer than 3" instead of a bar', async () => {
    const suppressed = chartOf([{ label: 'Tax statements', current: null, previous: 5 }]);
    const small = chartOf([{ label: 'Tax statements', current: 2, previous: 5 }]);
    const [suppressedSvg, smallSvg] = await Promise.all([themeChartSvg(suppressed), themeChartSvg(small)]);
    const barsIn = (svg: string) => svg.match(/aria-roledescription="bar"/g)?.length ?? 0;

    expect(suppressedSvg).toContain(SUPPRESSED_MARK);
    expect(barsIn(suppressedSvg)).toBe(1);
    expect(smallSvg).not.toContain(SUPPRESSED_MARK);
    expect(barsIn(smallSvg)).toBe(2);
    const [suppressedPng, smallPng] = await Promise.all([renderThemeChart(suppressed), renderThemeChart(small)]);
    expect(suppressedPng.png.equals(smallPng.png)).toBe(false);
  });

  it('keeps a theme whose counts are all suppressed in the place the caller gave it', async () => {
    const svg = await themeChartSvg(
      chartOf([
        { label: 'Payments on time', current: null, previous: null },
        { label: 'Allowance levels', current: 4, previous: 6 },
      ]),
    );
    const labelTop = (label: string) => Number(new RegExp(`translate\\([^,]+,([\\d.]+)\\)"[^>]*>${label}</text>`).exec(svg)?.[1]);
    expect(labelTop('Payments on time')).toBeLessThan(labelTop('Allowance levels'));
    expect(svg.split(`>${SUPPRESSED_MARK}</text>`)).toHaveLength(3);
  });
});
