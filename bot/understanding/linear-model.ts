/**
 * Multinomial logistic regression (softmax) over sparse, named features: the standard linear text classifier.
 * Trained with AdaGrad and L2 regularisation in a fixed, seeded order, so the same corpus always gives the same model.
 * Weights are stored quantised to one byte each (per-class scale), which keeps the artefact small.
 */

/** A feature and its value in one message's vector (the vector is L2-normalised before use). */
export type FeatureVector = ReadonlyMap<string, number>;

export interface TrainingExample {
  readonly features: FeatureVector;
  /** One label, or several that are all right (each takes an equal share of the example's weight). */
  readonly labels: readonly string[];
  readonly weight?: number;
}

export interface TrainingOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  /** Features seen in fewer examples than this are dropped (noise, and model size). */
  readonly minCount?: number;
  /** 0 = no class balancing, 1 = full inverse-frequency weights. */
  readonly balance?: number;
  readonly seed?: number;
}

export interface SerialisedModel {
  readonly labels: readonly string[];
  readonly features: readonly string[];
  /** Per label: the scale that turns a stored byte back into a weight. */
  readonly scales: readonly number[];
  readonly bias: readonly number[];
  /** base64 of Int8 weights, feature-major: weights[f * labels + l]. */
  readonly weights: string;
}

const DEFAULTS: Required<TrainingOptions> = { epochs: 30, learningRate: 0.5, l2: 1e-5, minCount: 2, balance: 0.5, seed: 7 };

export class LinearModel {
  private readonly index: ReadonlyMap<string, number>;

  private constructor(
    readonly labels: readonly string[],
    readonly featureNames: readonly string[],
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {
    this.index = new Map(featureNames.map((name, i) => [name, i]));
  }

  get featureCount(): number {
    return this.featureNames.length;
  }

  hasFeature(name: string): boolean {
    return this.index.has(name);
  }

  /** Probabilities over the labels (sum 1), optionally only over `allowed` labels (the others get 0). */
  predict(features: FeatureVector, allowed?: ReadonlySet<string>): Map<string, number> {
    const rows: number[] = [];
    const values: number[] = [];
    for (const [name, value] of features) {
      const f = this.index.get(name);
      if (f === undefined) continue;
      rows.push(f);
      values.push(value);
    }
    return this.predictRows(rows, values, l2Norm(features), allowed);
  }

  /** The feature's row in this model, if it learnt one: lets several models share one lookup per feature. */
  rowOf(name: string): number | undefined {
    return this.index.get(name);
  }

  /** `predict` for features already looked up: `rows[i]` holds `values[i]`; `norm` is the whole vector's L2 norm. */
  predictRows(rows: readonly number[], values: readonly number[], norm: number, allowed?: ReadonlySet<string>): Map<string, number> {
    const k = this.labels.length;
    const scores = Float64Array.from(this.bias);
    for (let j = 0; j < rows.length; j += 1) {
      const row = (rows[j] ?? 0) * k;
      const x = (values[j] ?? 0) / norm;
      for (let l = 0; l < k; l += 1) scores[l] = (scores[l] ?? 0) + (this.weights[row + l] ?? 0) * x;
    }
    return softmax(this.labels, scores, allowed);
  }

  /** The features that pushed most towards a label: for rule reviews and tests, never logged with text. */
  explain(features: FeatureVector, label: string, top = 5): { feature: string; weight: number }[] {
    const l = this.labels.indexOf(label);
    if (l < 0) return [];
    const norm = l2Norm(features);
    const k = this.labels.length;
    const out: { feature: string; weight: number }[] = [];
    for (const [name, value] of features) {
      const f = this.index.get(name);
      if (f !== undefined) out.push({ feature: name, weight: ((this.weights[f * k + l] ?? 0) * value) / norm });
    }
    return out.sort((a, b) => b.weight - a.weight).slice(0, top);
  }

  static train(examples: readonly TrainingExample[], options: TrainingOptions = {}): LinearModel {
    const o = { ...DEFAULTS, ...options };
    const labels = [...new Set(examples.flatMap((e) => e.labels))].sort();
    const labelIndex = new Map(labels.map((label, i) => [label, i]));
    const counts = new Map<string, number>();
    for (const example of examples) for (const name of example.features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
    const featureNames = [...counts.entries()]
      .filter(([, n]) => n >= o.minCount)
      .map(([name]) => name)
      .sort();
    const featureIndex = new Map(featureNames.map((name, i) => [name, i]));
    const k = labels.length;

    // class balancing: rare actions (emergencies are rare) are not swamped by common ones
    const labelMass = new Float64Array(k);
    for (const example of examples)
      for (const label of example.labels) {
        const l = labelIndex.get(label) ?? 0;
        labelMass[l] = (labelMass[l] ?? 0) + 1 / example.labels.length;
      }
    const mean = examples.length / k;
    const classWeight = Array.from(labelMass, (mass) => Math.pow(mean / Math.max(mass, 1), o.balance));

    const rows = examples.map((example) => {
      const norm = l2Norm(example.features);
      const idx: number[] = [];
      const val: number[] = [];
      for (const [name, value] of example.features) {
        const f = featureIndex.get(name);
        if (f !== undefined) {
          idx.push(f);
          val.push(value / norm);
        }
      }
      const target = new Float64Array(k);
      for (const label of example.labels) target[labelIndex.get(label) ?? 0] = 1 / example.labels.length;
      const weight =
        ((example.weight ?? 1) * example.labels.reduce((sum, label) => sum + (classWeight[labelIndex.get(label) ?? 0] ?? 1), 0)) / example.labels.length;
      return { idx, val, target, weight };
    });

    const weights = new Float32Array(featureNames.length * k);
    const bias = new Float32Array(k);
    const gradSq = new Float32Array(featureNames.length * k).fill(1e-8);
    const biasGradSq = new Float32Array(k).fill(1e-8);
    const random = seededRandom(o.seed);
    const order = rows.map((_, i) => i);
    const probs = new Float64Array(k);

    for (let epoch = 0; epoch < o.epochs; epoch += 1) {
      shuffle(order, random);
      for (const r of order) {
        const row = rows[r];
        if (row === undefined) continue;
        for (let l = 0; l < k; l += 1) probs[l] = bias[l] ?? 0;
        for (let j = 0; j < row.idx.length; j += 1) {
          const base = (row.idx[j] ?? 0) * k;
          const x = row.val[j] ?? 0;
          for (let l = 0; l < k; l += 1) probs[l] = (probs[l] ?? 0) + (weights[base + l] ?? 0) * x;
        }
        softmaxInPlace(probs);
        for (let l = 0; l < k; l += 1) {
          const g = ((probs[l] ?? 0) - (row.target[l] ?? 0)) * row.weight;
          biasGradSq[l] = (biasGradSq[l] ?? 0) + g * g;
          bias[l] = (bias[l] ?? 0) - (o.learningRate * g) / Math.sqrt(biasGradSq[l] ?? 1);
          for (let j = 0; j < row.idx.length; j += 1) {
            const w = (row.idx[j] ?? 0) * k + l;
            const grad = g * (row.val[j] ?? 0) + o.l2 * (weights[w] ?? 0);
            gradSq[w] = (gradSq[w] ?? 0) + grad * grad;
            weights[w] = (weights[w] ?? 0) - (o.learningRate * grad) / Math.sqrt(gradSq[w] ?? 1);
          }
        }
      }
    }
    return new LinearModel(labels, featureNames, weights, bias);
  }

  serialise(): SerialisedModel {
    const k = this.labels.length;
    const scales = this.labels.map((_, l) => {
      let max = 0;
      for (let f = 0; f < this.featureNames.length; f += 1) max = Math.max(max, Math.abs(this.weights[f * k + l] ?? 0));
      return max === 0 ? 1 : max / 127;
    });
    const bytes = new Int8Array(this.weights.length);
    for (let i = 0; i < this.weights.length; i += 1) bytes[i] = Math.round((this.weights[i] ?? 0) / (scales[i % k] ?? 1));
    return {
      labels: this.labels,
      features: this.featureNames,
      scales: scales.map((s) => Number(s.toPrecision(6))),
      bias: Array.from(this.bias, (b) => Number(b.toFixed(5))),
      weights: Buffer.from(bytes.buffer).toString('base64'),
    };
  }

  static deserialise(model: SerialisedModel): LinearModel {
    const k = model.labels.length;
    const bytes = new Int8Array(Buffer.from(model.weights, 'base64'));
    if (bytes.length !== model.features.length * k) throw new Error('model weights do not match its features and labels');
    const weights = new Float32Array(bytes.length);
    for (let i = 0; i < bytes.length; i += 1) weights[i] = (bytes[i] ?? 0) * (model.scales[i % k] ?? 1);
    return new LinearModel(model.labels, model.features, weights, Float32Array.from(model.bias));
  }
}

export function l2Norm(features: FeatureVector): number {
  let sum = 0;
  for (const value of features.values()) sum += value * value;
  return Math.sqrt(sum) || 1;
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let i = 0; i < scores.length; i += 1) {
    scores[i] = Math.exp((scores[i] ?? 0) - max);
    sum += scores[i] ?? 0;
  }
  for (let i = 0; i < scores.length; i += 1) scores[i] = (scores[i] ?? 0) / sum;
}

function softmax(labels: readonly string[], scores: Float64Array, allowed?: ReadonlySet<string>): Map<string, number> {
  let max = -Infinity;
  labels.forEach((label, i) => {
    if (allowed === undefined || allowed.has(label)) max = Math.max(max, scores[i] ?? 0);
  });
  const exp = labels.map((label, i) => (allowed === undefined || allowed.has(label) ? Math.exp((scores[i] ?? 0) - max) : 0));
  const sum = exp.reduce((a, b) => a + b, 0) || 1;
  return new Map(labels.map((label, i) => [label, (exp[i] ?? 0) / sum]));
}

/** mulberry32: a small, well-known seeded generator (training order must not depend on Math.random). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: unknown[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
