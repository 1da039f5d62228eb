package io.downhill.session;

import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;

/**
 * The spec of a session that starts over from other parameters ("start gradient descent from
 * here"): the same data, model and optimizer, the learning rate and accumulation now in use, and
 * the new starting values. Recorded as a new spec, so step 0 is there, the summed gradient and the
 * optimizer's state are zero, and a reset comes back to it.
 */
final class FreshStart {
  private FreshStart() {}

  static TrainingSpec from(Trainer trainer, double[] params) {
    TrainingSpec spec = trainer.spec();
    return new TrainingSpec(
        spec.data(),
        spec.model(),
        spec.loss(),
        spec.optimizer(),
        trainer.baseLearningRate(),
        spec.schedule(),
        trainer.accumulateGradients(),
        params.clone(),
        spec.gradients());
  }
}
