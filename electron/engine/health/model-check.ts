// The Predictor's model: the one selected in panel.predictor.model must resolve in the library (file present,
// manifest valid, trained on this build's feature schema, bytes unchanged) — otherwise every panel runs without it.
import type { ModelLibrary } from '../ml/model-library';
import { errorText, type HealthCheckResult } from './types';

export function checkModel(selected: string, models: Pick<ModelLibrary, 'resolve'>): HealthCheckResult {
  const name = 'model';
  if (selected === '') return { name, status: 'ok', detail: 'no model selected: the Predictor is off', measured: { model: null } };
  try {
    const { manifest, origin } = models.resolve(selected);
    return {
      name, status: 'ok',
      detail: `${selected} (${origin}, ${manifest.kind}) resolves; trained on this build's features (${manifest.features.hash.slice(0, 12)}…)`,
      measured: { model: selected, origin, featureHash: manifest.features.hash },
    };
  } catch (err) {
    return {
      name, status: 'bad',
      detail: `the selected model ${selected} cannot be used: ${errorText(err)}. The panel runs without the Predictor until another model is selected.`,
      measured: { model: selected },
    };
  }
}
