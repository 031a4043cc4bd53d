import { AppError } from "../../domain/errors.ts";
import fitted from "./placement-model.json" with { type: "json" };
import { FEATURES } from "./story-centroids.ts";

/**
 * How an article's likeness to a story becomes the chance that it reports the same event:
 * a logistic model over the centroid features, its weights fitted on labelled news
 * (`bench/quality/fit-placement.ts`, tuning part only) and kept as data beside the code.
 */
export interface PlacementModel {
  features: readonly string[];
  weights: readonly number[];
  bias: number;
  /** Least probability for an article to join its best story (else it opens one). */
  threshold: number;
  /** Least probability, story against story, for two stories that grew alike to merge. */
  mergeThreshold: number;
  /** Where the weights come from, for whoever reads the file. */
  fittedOn?: string;
}

export function parsePlacementModel(value: unknown): PlacementModel {
  const bad = (why: string) =>
    new AppError("invalid_model", `placement model: ${why}`, { status: 500 });
  if (typeof value !== "object" || value === null) throw bad("not an object");
  const v = value as Record<string, unknown>;
  const features = v.features;
  const weights = v.weights;
  if (!Array.isArray(features) || features.join(",") !== FEATURES.join(","))
    throw bad(`features must be ${FEATURES.join(", ")}`);
  if (
    !Array.isArray(weights) ||
    weights.length !== FEATURES.length ||
    !weights.every((w) => typeof w === "number" && Number.isFinite(w))
  )
    throw bad("one finite weight per feature");
  if (typeof v.bias !== "number" || !Number.isFinite(v.bias)) throw bad("bias must be a number");
  if (typeof v.threshold !== "number" || !(v.threshold > 0 && v.threshold < 1))
    throw bad("threshold must be in (0, 1)");
  const merge = v.mergeThreshold ?? 1;
  if (typeof merge !== "number" || !(merge > 0 && merge <= 1))
    throw bad("mergeThreshold must be in (0, 1] (1: never merge)");
  return {
    features: features as string[],
    weights: weights as number[],
    bias: v.bias,
    threshold: v.threshold,
    mergeThreshold: merge,
    ...(typeof v.fittedOn === "string" ? { fittedOn: v.fittedOn } : {}),
  };
}

export const PLACEMENT_MODEL: PlacementModel = parsePlacementModel(fitted);

export function joinProbability(model: PlacementModel, features: ArrayLike<number>): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++)
    z += (model.weights[i] as number) * (features[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
