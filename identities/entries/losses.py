"""Losses and optimiser steps: forward and reverse rules.

Cross-entropy with class weights and label smoothing, negative log-likelihood, mean squared error,
Huber, binary cross-entropy with logits, KL divergence, the Gaussian VAE's KL term and its
reparameterised sample, and one step of Adam, in PyTorch's conventions (losses mean-reduced unless a
record says otherwise). Samples are rows: a batch of N predictions is an N × K (or N × D) matrix, and
integer class targets are given as a vector of N class indices, held fixed (they have no tangent).
Where the mean is not the plain average (weighted classes, KL's "batchmean") the record says what it
divides by, and the summed form is shown beside the rule. Each forward rule is checked against
central differences of the loss and each reverse rule against the forward one by the adjoint identity.
"""
import numpy as np

from identities import ADRule, Formula, Matrix, Vector, ref
from identities.entries import logsumexp, sigmoid, softmax, softplus


def _log_softmax(X):
    return X - logsumexp(X)


def _classes(y):
    """The class indices of a target vector (stored as floats, cast here)."""
    return np.rint(y).astype(int)


def _class_targets(matrix):
    """A sampler (`prepare`): the target vector y holds one class index per row of ``matrix``
    (0 to K − 1, stored as floats); every class is drawn with equal chance."""
    def prepare(rng, values):
        N, K = values[matrix].shape
        values["y"] = rng.integers(0, K, size=N).astype(float)
        return values
    return prepare


# --------------------------------------------------------------------------------------------
# Mean squared error


ADRule(
    id="KYHL",
    title="Forward and reverse rules of the mean squared error loss",
    primitive="mse_loss",
    latex=r"\ell = \frac{1}{ND}\sum_{n,j}\bigl(X_{nj} - Y_{nj}\bigr)^{2}",
    variables={"X": Matrix("N", "D", description="the predictions, N × D (batch first)"),
               "Y": Matrix("N", "D", description="the targets, N × D")},
    wrt=("X", "Y"),
    outputs=("l",),
    output_tex={"l": r"\ell"},
    f=lambda X, Y: np.mean((X - Y) ** 2),
    jvp=(r"\dot{\ell} = \frac{2}{ND}\sum_{n,j}\bigl(X_{nj} - Y_{nj}\bigr)\bigl(\dot{X}_{nj} - \dot{Y}_{nj}\bigr)",
         lambda X, Y, dX, dY: 2.0 * np.sum((X - Y) * (dX - dY)) / X.size),
    vjp=(r"\bar{X} = \frac{2\bar{\ell}}{ND}(X - Y), \quad \bar{Y} = -\bar{X}",
         lambda X, Y, l_bar: (lambda G: (G, -G))(2.0 * l_bar / X.size * (X - Y))),
    symbols={"n": "a row (sample) index", "j": "a column (feature) index"},
    also=[
        Formula(r"ND\,\dot{\ell} = \dot{\ell}_{\mathrm{sum}} = 2\operatorname{tr}\bigl((X - Y)^{\top}(\dot{X} - \dot{Y})\bigr)",
                lambda X, D: X.size * D(),
                lambda X, Y, dX, dY: 2.0 * np.trace((X - Y).T @ (dX - dY))),
    ],
    crosswalk={"pytorch": "torch.nn.functional.mse_loss (reduction='mean', the default)",
               "pytorch_derivative": "mse_loss: self: mse_loss_backward(grad, self, target, reduction); target: "
                                     "mse_loss_backward(grad, target, self, reduction); the backward is "
                                     "2 (self − target) grad, divided by the number of entries for 'mean'",
               "jax": "optax.squared_error (element-wise, no mean and no factor ½: take its mean); "
                      "jax.numpy.mean((x - y) ** 2)"},
    notes="X and Y are N × D, samples as rows. The mean runs over all N·D entries, not over the batch alone, "
          "as PyTorch's default reduction does; the summed form (reduction 'sum') is N·D times the mean, and its "
          "rule is shown beside. Both inputs carry a cotangent, equal and opposite: PyTorch differentiates the "
          "target too when it requires a gradient.",
    references=[ref("goodfellow-2016", "§5.5.1 Conditional Log-Likelihood and Mean Squared Error")],
    related=["MM9Z", "A16P", "R0QG"],
    aliases=["mse loss backward", "gradient of mean squared error", "mse_loss vjp", "l2 loss backward",
             "mean squared error jvp"],
)


# --------------------------------------------------------------------------------------------
# Cross-entropy with class weights and label smoothing


_EPS_LS = 0.1   # label smoothing


def _ce_q(y, w, K):
    """The smoothed, weighted targets q (N × K) and the normaliser W, the sum of the targets' weights."""
    c = _classes(y)
    N = len(c)
    q = (_EPS_LS / K) * np.tile(w, (N, 1))
    q[np.arange(N), c] += (1.0 - _EPS_LS) * w[c]
    return q, np.sum(w[c])


def _ce(X, y, w):
    q, W = _ce_q(y, w, X.shape[1])
    return -np.sum(q * _log_softmax(X)) / W


def _ce_torch_form(X, y, w):
    """PyTorch's composition: (1 − ε) × weighted NLL of log_softmax + ε/K × weighted smoothing term,
    both divided by the sum of the targets' weights."""
    c = _classes(y)
    N, K = X.shape
    L = _log_softmax(X)
    W = np.sum(w[c])
    nll = -np.sum(w[c] * L[np.arange(N), c]) / W
    smooth = -np.sum(L @ w) / W
    return (1.0 - _EPS_LS) * nll + (_EPS_LS / K) * smooth


def _ce_jvp(X, y, w, dX):
    q, W = _ce_q(y, w, X.shape[1])
    S = softmax(X)
    centred = dX - np.sum(S * dX, axis=1, keepdims=True)
    return -np.sum(q * centred) / W


def _ce_vjp(X, y, w, l_bar):
    q, W = _ce_q(y, w, X.shape[1])
    S = softmax(X)
    return (l_bar / W) * (S * np.sum(q, axis=1, keepdims=True) - q)


ADRule(
    id="79Q0",
    title="Forward and reverse rules of cross-entropy with class weights and label smoothing",
    primitive="cross_entropy",
    latex=r"\ell = -\frac{1}{W}\sum_{n,k} q_{nk}\,\bigl(\log\operatorname{softmax}(X)\bigr)_{nk}, \quad "
          r"q_{nk} = (1 - \varepsilon)\,w_{y_n}\,\delta_{k y_n} + \frac{\varepsilon}{K}\,w_k, \quad W = \sum_{n} w_{y_n}",
    variables={"X": Matrix("N", "K", description="the logits, N × K (a row per sample, a column per class)"),
               "y": Vector("N", description="the class targets, one index in 0 … K − 1 per sample (integers; "
                                            "not differentiated)"),
               "w": Vector("K", "positive", description="the class weights, one per class (fixed)")},
    wrt=("X",),
    outputs=("l",),
    output_tex={"l": r"\ell"},
    prepare=_class_targets("X"),
    conditions="y holds integer class indices, drawn uniformly from 0 to K − 1 (stored as floats and cast to "
               "integers by the loss); y and w are held fixed.",
    f=_ce,
    jvp=(r"\dot{\ell} = -\frac{1}{W}\sum_{n,k} q_{nk}\Bigl(\dot{X}_{nk} - \sum_{j} S_{nj}\dot{X}_{nj}\Bigr)", _ce_jvp),
    vjp=(r"\bar{X}_{nk} = \frac{\bar{\ell}}{W}\Bigl(S_{nk}\sum_{j} q_{nj} - q_{nk}\Bigr)", _ce_vjp),
    symbols={"q": "the smoothed, weighted targets (N × K)",
             r"\varepsilon": "the label smoothing, fixed at 0.1",
             "W": "the normaliser: the sum of the weights of the N targets' classes",
             r"\delta": "the Kronecker delta (one when its two indices agree)",
             "S": "the row-wise softmax of X (N × K)",
             r"\mathbf{1}": "a vector of K ones",
             "n": "a row (sample) index", "k": "a column (class) index", "j": "a class index summed over"},
    also=[
        Formula(r"\ell = (1 - \varepsilon)\,\frac{-\sum_{n} w_{y_n}\bigl(\log\operatorname{softmax}(X)\bigr)_{n y_n}}{W} "
                r"+ \frac{\varepsilon}{K}\,\frac{-\sum_{n,k} w_k\bigl(\log\operatorname{softmax}(X)\bigr)_{nk}}{W}",
                lambda l: l, _ce_torch_form),
        Formula(r"W\dot{\ell} = \dot{\ell}_{\mathrm{sum}} = \operatorname{tr}\Bigl(\bigl(S\circ(q\mathbf{1}\mathbf{1}^{\top}) - q\bigr)^{\top}\dot{X}\Bigr)",
                lambda y, w, D: np.sum(w[_classes(y)]) * D(),
                lambda X, y, w, dX: (lambda q: np.trace((softmax(X) * (q @ np.ones((q.shape[1], q.shape[1]))) - q).T @ dX))(
                    _ce_q(y, w, X.shape[1])[0])),
    ],
    crosswalk={"pytorch": "torch.nn.functional.cross_entropy (weight=w, label_smoothing=0.1, reduction='mean')",
               "pytorch_derivative": "none of its own: cross_entropy_loss is CompositeImplicitAutograd; with label "
                                     "smoothing it is log_softmax, then nll_loss_nd and a weighted sum of the "
                                     "log-probabilities, each divided by the targets' weight sum; their entries are "
                                     "_log_softmax: self: _log_softmax_backward_data(grad, result, dim, ...), i.e. "
                                     "grad − exp(result) · grad.sum(dim); nll_loss_forward: self: "
                                     "nll_loss_backward(grad, self, target, weight, reduction, ignore_index, total_weight)",
               "jax": "optax.softmax_cross_entropy_with_integer_labels (no class weights, no smoothing), or "
                      "optax.softmax_cross_entropy on optax.smooth_labels targets (smoothing over all K classes, as here, "
                      "but no class weights and a plain mean): no single JAX function matches this weighted mean"},
    notes="X is N × K, one row of logits per sample; y gives each row's class and w each class's weight. "
          "The mean is PyTorch's weighted mean: the sum over samples divided by the sum of the weights of the "
          "targets' classes, not by N; the smoothing term, spread evenly over all K classes and weighted by each "
          "class's own weight, is divided by the same sum. With unit weights the normaliser is N and the reverse "
          "rule is the softmax minus the smoothed one-hot targets, over N. With unequal weights the rows of the "
          "smoothed targets no longer have equal totals, so each row's softmax is scaled by its own row's total "
          "before the targets are subtracted; each row of the cotangent still sums to zero. The summed "
          "form (reduction 'sum') is the loss times the normaliser; its rule is shown beside. PyTorch's "
          "ignore_index is not used here.",
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions"),
                ref("goodfellow-2016", "§7.5.1 Injecting Noise at the Output Targets (label smoothing)"),
                ref("szegedy-2016", "§7 Model Regularization via Label Smoothing")],
    related=["1JBY", "H014", "X04W", "AH09", "625R"],
    aliases=["cross entropy backward", "gradient of cross entropy with label smoothing",
             "weighted cross entropy gradient", "cross_entropy vjp", "softmax cross entropy backward",
             "label smoothing gradient"],
)


# --------------------------------------------------------------------------------------------
# Negative log-likelihood


def _nll(X, y, w):
    c = _classes(y)
    return -np.sum(w[c] * X[np.arange(len(c)), c]) / np.sum(w[c])


def _nll_vjp(X, y, w, l_bar):
    c = _classes(y)
    G = np.zeros_like(X)
    G[np.arange(len(c)), c] = -l_bar * w[c] / np.sum(w[c])
    return G


def _nll_prepare(rng, values):
    values["X"] = _log_softmax(values["X"])
    return _class_targets("X")(rng, values)


ADRule(
    id="625R",
    title="Forward and reverse rules of the negative log-likelihood loss with class weights",
    primitive="nll_loss",
    latex=r"\ell = -\frac{\sum_{n} w_{y_n} X_{n y_n}}{\sum_{n} w_{y_n}}",
    variables={"X": Matrix("N", "K", description="the log-probabilities, N × K (a row per sample, e.g. the "
                                                 "output of log_softmax)"),
               "y": Vector("N", description="the class targets, one index in 0 … K − 1 per sample (integers; "
                                            "not differentiated)"),
               "w": Vector("K", "positive", description="the class weights, one per class (fixed)")},
    wrt=("X",),
    outputs=("l",),
    output_tex={"l": r"\ell"},
    prepare=_nll_prepare,
    conditions="Each row of X is a log-probability vector (the sample is passed through log_softmax); y holds "
               "integer class indices, drawn uniformly from 0 to K − 1 (stored as floats and cast to integers by "
               "the loss); y and w are held fixed.",
    f=_nll,
    jvp=(r"\dot{\ell} = -\frac{\sum_{n} w_{y_n}\dot{X}_{n y_n}}{\sum_{n} w_{y_n}}",
         lambda X, y, w, dX: (lambda c: -np.sum(w[c] * dX[np.arange(len(c)), c]) / np.sum(w[c]))(_classes(y))),
    vjp=(r"\bar{X}_{nk} = -\frac{\bar{\ell}\,w_{y_n}\,\delta_{k y_n}}{\sum_{m} w_{y_m}}", _nll_vjp),
    symbols={r"\delta": "the Kronecker delta (one when its two indices agree)",
             "n": "a row (sample) index", "m": "a sample index summed over", "k": "a column (class) index"},
    also=[
        Formula(r"\Bigl(\sum_{n} w_{y_n}\Bigr)\dot{\ell} = \dot{\ell}_{\mathrm{sum}} = -\sum_{n} w_{y_n}\dot{X}_{n y_n}",
                lambda y, w, D: np.sum(w[_classes(y)]) * D(),
                lambda y, w, dX: -sum(w[c] * dX[n, c] for n, c in enumerate(_classes(y)))),
    ],
    crosswalk={"pytorch": "torch.nn.functional.nll_loss (weight=w, reduction='mean')",
               "pytorch_derivative": "nll_loss_forward: self: nll_loss_backward(grad, self, target, weight, reduction, "
                                     "ignore_index, total_weight): −weight[target] · grad, divided by total_weight for "
                                     "'mean', scattered into the target entries; target: non_differentiable; output "
                                     "(forward mode): nll_loss_forward(self_t, target, weight, ...)",
               "jax": "no JAX or Flax function: optax.softmax_cross_entropy_with_integer_labels takes logits, not "
                      "log-probabilities; in jax.numpy, −(w[y] · jnp.take_along_axis(X, y[:, None], 1)[:, 0]).sum() / w[y].sum()"},
    notes="X is N × K, one row of log-probabilities per sample. The loss is linear in X: it picks each sample's "
          "entry in its target column, weighted by that class's weight, and the weighted mean divides by the sum "
          "of the targets' weights (PyTorch's total_weight), not by N. So the forward rule is the loss applied to "
          "the tangent, and the cotangent is zero except in the N target entries. Neither rule uses the fact that "
          "the rows are normalised. The summed form (reduction 'sum') is the loss times the weight sum; its rule "
          "is shown beside. PyTorch's ignore_index is not used here.",
    references=[ref("goodfellow-2016", "§6.2.1.1 Learning Conditional Distributions with Maximum Likelihood")],
    related=["X04W", "79Q0", "1JBY"],
    aliases=["nll loss backward", "negative log likelihood gradient", "nll_loss vjp",
             "weighted nll loss gradient", "gradient of nll_loss with class weights"],
)


# --------------------------------------------------------------------------------------------
# Huber


_DELTA = 1.0


def _huber_prepare(rng, values):
    """Residuals drawn away from ±δ: |r| in [0.05, 0.85] or [1.15, 3], signs at random, at least one of
    each kind; the target is then the prediction minus the residual."""
    X = values["X"]
    inner = rng.uniform(0.05, 0.85, size=X.shape)
    outer = rng.uniform(1.15, 3.0, size=X.shape)
    pick = rng.random(X.shape) < 0.5
    pick.flat[0], pick.flat[-1] = True, False
    r = np.where(pick, inner, outer) * rng.choice([-1.0, 1.0], size=X.shape)
    values["Y"] = X - r
    return values


def _huber(X, Y):
    r = X - Y
    a = np.abs(r)
    return np.mean(np.where(a < _DELTA, 0.5 * r * r, _DELTA * (a - 0.5 * _DELTA)))


ADRule(
    id="NNAA",
    title="Forward and reverse rules of the Huber loss (δ = 1)",
    primitive="huber_loss",
    latex=r"\ell = \frac{1}{ND}\sum_{n,j} h_{\delta}\bigl(X_{nj} - Y_{nj}\bigr), \quad "
          r"h_{\delta}(r) = \begin{cases} \tfrac{1}{2}r^{2} & |r| < \delta \\ \delta\bigl(|r| - \tfrac{1}{2}\delta\bigr) & |r| \ge \delta \end{cases}",
    variables={"X": Matrix("N", "D", description="the predictions, N × D (batch first)"),
               "Y": Matrix("N", "D", description="the targets, N × D")},
    wrt=("X", "Y"),
    outputs=("l",),
    output_tex={"l": r"\ell"},
    prepare=_huber_prepare,
    conditions="Every residual X − Y is at least 0.15 away from ±δ (the sampler draws Y as X minus residuals of "
               "magnitude 0.05 to 0.85 or 1.15 to 3, both kinds present), so that no entry crosses the switch "
               "between the quadratic and the linear piece within a difference step.",
    f=_huber,
    jvp=(r"\dot{\ell} = \frac{1}{ND}\sum_{n,j} \operatorname{clip}\bigl(X_{nj} - Y_{nj}, -\delta, \delta\bigr)\bigl(\dot{X}_{nj} - \dot{Y}_{nj}\bigr)",
         lambda X, Y, dX, dY: np.sum(np.clip(X - Y, -_DELTA, _DELTA) * (dX - dY)) / X.size),
    vjp=(r"\bar{X} = \frac{\bar{\ell}}{ND}\operatorname{clip}(X - Y, -\delta, \delta), \quad \bar{Y} = -\bar{X}",
         lambda X, Y, l_bar: (lambda G: (G, -G))(l_bar / X.size * np.minimum(_DELTA, np.maximum(-_DELTA, X - Y)))),
    symbols={r"\delta": "the threshold between the quadratic and the linear piece, fixed at 1",
             "h": "the Huber function of one residual", "r": "a residual",
             "n": "a row (sample) index", "j": "a column (feature) index"},
    also=[
        Formula(r"ND\,\dot{\ell} = \dot{\ell}_{\mathrm{sum}} = \sum_{n,j} \bigl(r_{nj}[|r_{nj}| < \delta] + \delta\operatorname{sign}(r_{nj})[|r_{nj}| \ge \delta]\bigr)\bigl(\dot{X}_{nj} - \dot{Y}_{nj}\bigr), \quad r = X - Y",
                lambda X, D: X.size * D(),
                lambda X, Y, dX, dY: (lambda r: np.sum(np.where(np.abs(r) < _DELTA, r, _DELTA * np.sign(r)) * (dX - dY)))(X - Y)),
    ],
    crosswalk={"pytorch": "torch.nn.functional.huber_loss (delta=1.0, reduction='mean'); with δ = 1 it equals "
                          "torch.nn.functional.smooth_l1_loss (beta=1.0)",
               "pytorch_derivative": "huber_loss: self: huber_loss_backward(grad, self, target, reduction, delta); "
                                     "target: huber_loss_backward(grad, target, self, reduction, delta); the backward "
                                     "is the residual clamped to [−delta, delta] times grad, over the number of entries for 'mean'",
               "jax": "optax.huber_loss (element-wise, delta=1.0: take its mean)"},
    notes="X and Y are N × D, samples as rows; the mean runs over all N·D entries. The derivative of the Huber "
          "function is the residual clamped to the interval from minus δ to δ: continuous, so the rule holds at the "
          "switch too, but its second derivative jumps there, which is why the checked instances keep the "
          "residuals away from it. The summed form (reduction 'sum') is N·D times the mean; its rule, with the "
          "clamp written piece by piece, is shown beside. For δ other than one, PyTorch's smooth_l1_loss with beta "
          "δ is the Huber loss divided by δ.",
    references=[ref("huber-1964", "the loss function quadratic in the middle and linear in the tails, of the minimax M-estimator")],
    sketch="Differentiate the Huber function piece by piece: the residual on the quadratic piece, δ times its sign "
           "on the linear one, which together are the clamp of the residual; then sum with the tangent of the "
           "residual and average over the entries.",
    related=["KYHL", "MM9Z"],
    aliases=["huber loss backward", "gradient of huber loss", "smooth l1 loss gradient", "huber_loss vjp",
             "robust regression loss derivative"],
)


# --------------------------------------------------------------------------------------------
# Binary cross-entropy with logits and pos_weight


def _bce(X, T, p):
    return np.mean(p * T * softplus(-X) + (1.0 - T) * softplus(X))


ADRule(
    id="6LHE",
    title="Forward and reverse rules of binary cross-entropy with logits and a positive-class weight",
    primitive="binary_cross_entropy_with_logits",
    latex=r"\ell = -\frac{1}{NC}\sum_{n,c}\Bigl(p_c T_{nc}\log\sigma(X_{nc}) + (1 - T_{nc})\log\bigl(1 - \sigma(X_{nc})\bigr)\Bigr)",
    variables={"X": Matrix("N", "C", description="the logits, N × C (a row per sample, a column per binary label)"),
               "T": Matrix("N", "C", "unit_interval", description="the targets, N × C, in (0, 1) (labels or soft targets)"),
               "p": Vector("C", "positive", description="pos_weight: the weight of the positive term, one per label column (fixed)")},
    wrt=("X", "T"),
    outputs=("l",),
    output_tex={"l": r"\ell"},
    f=_bce,
    jvp=(r"\dot{\ell} = \frac{1}{NC}\sum_{n,c}\Bigl(\bigl((1 + (p_c - 1)T_{nc})\,\sigma(X_{nc}) - p_c T_{nc}\bigr)\dot{X}_{nc} "
         r"+ \bigl(\log\bigl(1 - \sigma(X_{nc})\bigr) - p_c\log\sigma(X_{nc})\bigr)\dot{T}_{nc}\Bigr)",
         lambda X, T, p, dX, dT: np.sum(((1.0 + (p - 1.0) * T) * sigmoid(X) - p * T) * dX
                                        + (p * softplus(-X) - softplus(X)) * dT) / X.size),
    vjp=(r"\bar{X}_{nc} = \frac{\bar{\ell}}{NC}\bigl((1 + (p_c - 1)T_{nc})\,\sigma(X_{nc}) - p_c T_{nc}\bigr), \quad "
         r"\bar{T}_{nc} = \frac{\bar{\ell}}{NC}\bigl(\log\bigl(1 - \sigma(X_{nc})\bigr) - p_c\log\sigma(X_{nc})\bigr)",
         lambda X, T, p, l_bar: (l_bar / X.size * (sigmoid(X) * (1.0 - T) - p * T * sigmoid(-X)),
                                 l_bar / X.size * (-np.logaddexp(0.0, X) + p * np.logaddexp(0.0, -X)))),
    symbols={r"\sigma": "the logistic sigmoid", "n": "a row (sample) index", "c": "a column (label) index"},
    also=[
        Formula(r"NC\,\ell = \ell_{\mathrm{sum}} = \sum_{n,c}\Bigl(p_c T_{nc}\operatorname{softplus}(-X_{nc}) + (1 - T_{nc})\operatorname{softplus}(X_{nc})\Bigr)",
                lambda X, l: X.size * l,
                lambda X, T, p: sum(p[c] * T[n, c] * np.log1p(np.exp(-X[n, c])) + (1 - T[n, c]) * np.log1p(np.exp(X[n, c]))
                                    for n in range(X.shape[0]) for c in range(X.shape[1]))),
        Formula(r"(1 + (p_c - 1)T_{nc})\,\sigma(X_{nc}) - p_c T_{nc} = (1 - T_{nc})\,\sigma(X_{nc}) - p_c T_{nc}\,\sigma(-X_{nc})",
                lambda X, T, p: (1.0 + (p - 1.0) * T) * sigmoid(X) - p * T,
                lambda X, T, p: (1.0 - T) / (1.0 + np.exp(-X)) - p * T / (1.0 + np.exp(X))),
    ],
    crosswalk={"pytorch": "torch.nn.functional.binary_cross_entropy_with_logits (pos_weight=p, reduction='mean')",
               "pytorch_derivative": "binary_cross_entropy_with_logits: self: binary_cross_entropy_with_logits_backward(grad, "
                                     "self, target, weight, pos_weight, reduction), with pos_weight "
                                     "((pos_weight − 1) · target + 1) · sigmoid(self) − pos_weight · target, times grad; "
                                     "target: binary_cross_entropy_with_logits_target_backward(...), "
                                     "log_sigmoid(−self) − pos_weight · log_sigmoid(self), times grad",
               "jax": "optax.sigmoid_binary_cross_entropy (no pos_weight: the positive term's weight is not an argument; "
                      "take its mean)"},
    notes="X and T are N × C, samples as rows, one column per binary label; pos_weight p scales the positive term "
          "of its column and broadcasts over the rows. The mean runs over all N·C entries. The loss is written with "
          "softplus, never forming the sigmoid's logarithm, and so is stable for large logits. PyTorch also "
          "differentiates the target, which enters linearly, so its cotangent is the difference of the two "
          "log-terms; PyTorch's optional element weight (weight) is not used here. The second formula beside shows "
          "the reverse rule of the logits in the split form that the code uses. With p equal to one the logits' "
          "cotangent is the sigmoid minus the target, over N·C.",
    references=[ref("goodfellow-2016", "§6.2.2.2 Sigmoid Units for Bernoulli Output Distributions")],
    related=["P773", "CQPS"],
    aliases=["bce with logits backward", "binary cross entropy with logits gradient", "pos_weight gradient",
             "BCEWithLogitsLoss backward", "sigmoid cross entropy vjp"],
)


# --------------------------------------------------------------------------------------------
# KL divergence, PyTorch's convention


def K_times_mean(X, P):
    """K times PyTorch's 'mean' reduction of kl_div: the element-wise terms averaged over all N·K entries."""
    return X.shape[1] * np.mean(P * np.log(P) - P * X)


def _kl_prepare(rng, values):
    values["X"] = _log_softmax(values["X"])
    P = values["P"]
    values["P"] = P / np.sum(P, axis=1, keepdims=True)
    return values


ADRule(
    id="1S09",
    title="Forward and reverse rules of the KL divergence loss, PyTorch's kl_div with batchmean",
    primitive="kl_div",
    latex=r"\ell = \frac{1}{N}\sum_{n,k} P_{nk}\bigl(\log P_{nk} - X_{nk}\bigr)",
    variables={"X": Matrix("N", "K", description="the input: log-probabilities of the model, N × K (a row per sample)"),
               "P": Matrix("N", "K", "positive", description="the target: probabilities, N × K, each row summing to one")},
    wrt=("X", "P"),
    outputs=("l",),
    output_tex={"l": r"\ell"},
    prepare=_kl_prepare,
    conditions="Each row of X is a log-probability vector and each row of P a probability vector (the sampler "
               "passes X through log_softmax and divides each row of a positive P by its sum); the tangents are "
               "not restricted to keep the rows normalised, and the rules hold for any positive P.",
    f=lambda X, P: np.sum(P * (np.log(P) - X)) / X.shape[0],
    jvp=(r"\dot{\ell} = \frac{1}{N}\sum_{n,k}\Bigl(\bigl(\log P_{nk} + 1 - X_{nk}\bigr)\dot{P}_{nk} - P_{nk}\dot{X}_{nk}\Bigr)",
         lambda X, P, dX, dP: np.sum((np.log(P) + 1.0 - X) * dP - P * dX) / X.shape[0]),
    vjp=(r"\bar{X} = -\frac{\bar{\ell}}{N}P, \quad \bar{P} = \frac{\bar{\ell}}{N}\bigl(\log P + \mathbf{1}\mathbf{1}^{\top} - X\bigr)",
         lambda X, P, l_bar: (-l_bar / X.shape[0] * P, l_bar / X.shape[0] * (np.log(P) + 1.0 - X))),
    symbols={"n": "a row (sample) index", "k": "a column (class) index",
             r"\mathbf{1}": "a vector of ones (its outer product is the N × K matrix of ones)"},
    also=[
        Formula(r"K\,\ell_{\mathrm{mean}} = \ell = \frac{1}{N}\sum_{n}\operatorname{KL}\bigl(P_{n\cdot}\,\big\|\,\exp X_{n\cdot}\bigr)",
                K_times_mean, lambda l: l,
                lambda X, P: sum(np.sum(P[n] * np.log(P[n] / np.exp(X[n]))) for n in range(X.shape[0])) / X.shape[0]),
    ],
    crosswalk={"pytorch": "torch.nn.functional.kl_div (input X as log-probabilities, target P as probabilities, "
                          "log_target=False, reduction='batchmean')",
               "pytorch_derivative": "none of its own: kl_div is CompositeImplicitAutograd, target · (log target − input) "
                                     "through xlogy, then the sum divided by the batch size; the rules come from xlogy, "
                                     "mul and sub (mul: self: grad · other, other: grad · self)",
               "jax": "optax.kl_divergence(log_predictions, targets), summed over the last axis (its mean over the rows is "
                      "the batchmean); element-wise, jax.scipy.special.rel_entr(P, exp X) (jax.scipy.special.kl_div adds "
                      "the terms −p + q, which cancel only when both rows are normalised)"},
    notes="PyTorch's convention, reversed from the usual reading of its arguments: the input X holds the model's "
          "log-probabilities and the target P holds probabilities, and the loss is the divergence of the model from "
          "the target, summed over the classes and averaged over the N rows: reduction 'batchmean', the one that "
          "gives the KL divergence per sample. PyTorch's 'mean' divides by N·K instead, which is the batchmean "
          "divided by K (shown beside). PyTorch differentiates the target too; its cotangent has the extra one from "
          "the derivative of P log P. The rows of P must be positive where the logarithm is taken: a zero target "
          "entry contributes nothing in PyTorch (xlogy), but the target's rule is then undefined there.",
    references=[ref("goodfellow-2016", "§3.13 Information Theory: the Kullback–Leibler divergence")],
    related=["79Q0", "X04W", "LFWA"],
    aliases=["kl div backward", "kl_div batchmean gradient", "gradient of kl divergence loss", "KLDivLoss backward",
             "kl divergence vjp"],
)


# --------------------------------------------------------------------------------------------
# The Gaussian VAE: KL term and reparameterised sample


ADRule(
    id="92PH",
    title="Forward and reverse rules of the Gaussian VAE's KL term",
    primitive="vae_kl",
    latex=r"\ell = -\frac{1}{2N}\sum_{n,j}\bigl(1 + v_{nj} - \mu_{nj}^{2} - e^{v_{nj}}\bigr)",
    variables={"mu": Matrix("N", "L", description="the encoder's means, N × L (a row per sample, a column per latent dimension)"),
               "logvar": Matrix("N", "L", tex="v", description="the encoder's log-variances log σ², N × L")},
    wrt=("mu", "logvar"),
    outputs=("l",),
    output_tex={"l": r"\ell"},
    f=lambda mu, logvar: -0.5 * np.sum(1.0 + logvar - mu ** 2 - np.exp(logvar)) / mu.shape[0],
    jvp=(r"\dot{\ell} = \frac{1}{N}\sum_{n,j}\Bigl(\mu_{nj}\dot{\mu}_{nj} + \tfrac{1}{2}\bigl(e^{v_{nj}} - 1\bigr)\dot{v}_{nj}\Bigr)",
         lambda mu, logvar, dmu, dlogvar: np.sum(mu * dmu + 0.5 * np.expm1(logvar) * dlogvar) / mu.shape[0]),
    vjp=(r"\bar{\mu} = \frac{\bar{\ell}}{N}\mu, \quad \bar{v} = \frac{\bar{\ell}}{2N}\bigl(e^{v} - 1\bigr)",
         lambda mu, logvar, l_bar: (l_bar / mu.shape[0] * mu, l_bar / (2 * mu.shape[0]) * (np.exp(logvar) - 1.0))),
    symbols={"e": "Euler's number (the exponential acts entry by entry)",
             r"\mathcal{N}": "a Gaussian distribution, given its mean and covariance",
             "n": "a row (sample) index", "j": "a latent dimension index"},
    also=[
        Formula(r"N\ell = \sum_{n}\operatorname{KL}\Bigl(\mathcal{N}\bigl(\mu_{n\cdot}, \operatorname{diag}(e^{v_{n\cdot}})\bigr)\,\Big\|\,\mathcal{N}(0, I)\Bigr)",
                lambda mu, l: mu.shape[0] * l,
                lambda mu, logvar: sum(0.5 * (np.sum(np.exp(logvar[n])) + mu[n] @ mu[n] - mu.shape[1] - np.log(np.prod(np.exp(logvar[n]))))
                                       for n in range(mu.shape[0]))),
    ],
    crosswalk={"pytorch": "no function of its own: torch.distributions.kl_divergence(Normal(mu, exp(logvar / 2)), "
                          "Normal(0, 1)), summed over the latent dimensions and averaged over the batch; PyTorch's "
                          "VAE example writes −0.5 · torch.sum(1 + logvar − mu.pow(2) − logvar.exp()), summed over the batch too",
               "pytorch_derivative": "none of its own: composed of exp, pow, sub, add and sum (exp: self: grad · result; "
                                     "pow: self: pow_backward(grad, self, exponent))",
               "jax": "no function of its own in JAX or Flax: −0.5 · jnp.mean(jnp.sum(1 + logvar − mu ** 2 − jnp.exp(logvar), "
                      "axis=-1)); distrax.Normal(mu, jnp.exp(logvar / 2)).kl_divergence(distrax.Normal(0., 1.)) element-wise"},
    notes="mu and logvar are N × L, one row per sample and one column per latent dimension: the diagonal Gaussian "
          "the encoder gives for each sample, with log-variances rather than variances. The term is the KL "
          "divergence of that Gaussian from the standard normal prior, summed over the latent dimensions and "
          "averaged over the batch (PyTorch's VAE example sums over the batch instead: N times this). Its "
          "cotangent in the means is the means themselves, and in the log-variances half the variance minus one, "
          "which vanishes at unit variance.",
    references=[ref("kingma-welling-2014", "Appendix B, the KL term of a Gaussian posterior against a standard normal prior"),
                ref("goodfellow-2016", "§20.10.3 Variational Autoencoders")],
    related=["LFWA", "04WD", "2T80"],
    aliases=["vae kl backward", "gradient of the vae kl term", "kl divergence to standard normal gradient",
             "kld loss vae gradient", "vae kl vjp"],
)


def _reparam_prepare(rng, values):
    values["eps"] = rng.standard_normal(values["mu"].shape)
    return values


ADRule(
    id="2T80",
    title="Forward and reverse rules of the reparameterised Gaussian sample",
    primitive="reparameterize",
    latex=r"z = \mu + e^{v/2}\circ\epsilon",
    variables={"mu": Matrix("N", "L", description="the means, N × L (a row per sample, a column per latent dimension)"),
               "logvar": Matrix("N", "L", tex="v", description="the log-variances log σ², N × L"),
               "eps": Matrix("N", "L", tex=r"\epsilon", description="the standard normal noise, N × L, drawn once and "
                                                                     "held fixed (not differentiated)")},
    wrt=("mu", "logvar"),
    outputs=("z",),
    prepare=_reparam_prepare,
    conditions="ε is a standard normal sample of the shape of μ, drawn by the sampler and then held fixed: the "
               "rules differentiate the sample with its noise given.",
    f=lambda mu, logvar, eps: mu + np.exp(0.5 * logvar) * eps,
    jvp=(r"\dot{z} = \dot{\mu} + \tfrac{1}{2}\,e^{v/2}\circ\epsilon\circ\dot{v}",
         lambda mu, logvar, eps, dmu, dlogvar: dmu + 0.5 * np.exp(0.5 * logvar) * eps * dlogvar),
    vjp=(r"\bar{\mu} = \bar{z}, \quad \bar{v} = \tfrac{1}{2}\,\bar{z}\circ e^{v/2}\circ\epsilon",
         lambda logvar, eps, z_bar: (z_bar, 0.5 * z_bar * np.exp(0.5 * logvar) * eps)),
    symbols={"e": "Euler's number (the exponential acts entry by entry)"},
    also=[
        Formula(r"\dot{z} - \dot{\mu} = \tfrac{1}{2}(z - \mu)\circ\dot{v}",
                lambda mu, D, dmu: D() - dmu,
                lambda mu, z, dlogvar: 0.5 * (z - mu) * dlogvar),
    ],
    crosswalk={"pytorch": "no function of its own: torch.distributions.Normal(mu, torch.exp(logvar / 2)).rsample() "
                          "computes loc + eps · scale with eps from torch.randn (here scale from the log-variance)",
               "pytorch_derivative": "none of its own: composed of exp, mul and add (exp: self: grad · result; "
                                     "mul: self: grad · other; add: self: grad)",
               "jax": "no function of its own: mu + jnp.exp(logvar / 2) · jax.random.normal(key, mu.shape); "
                      "distrax.Normal(...).sample and numpyro's Normal are reparameterised the same way"},
    notes="All three arrays are N × L, and every product is entry by entry. The noise ε is an input of the "
          "primitive, drawn before it and not differentiated: this is what makes the sample a differentiable "
          "function of the mean and log-variance (the reparameterisation trick). The mean passes its cotangent "
          "through unchanged; the log-variance receives half the cotangent times the noise scaled by the standard "
          "deviation, which is half the cotangent times the sample minus the mean (the forward form is shown beside).",
    references=[ref("kingma-welling-2014", "§2.4 The reparameterization trick"),
                ref("goodfellow-2016", "§20.9 Back-Propagation through Random Operations")],
    related=["92PH"],
    aliases=["reparameterization trick gradient", "reparameterize backward", "vae sampling backward", "rsample gradient",
             "gradient through gaussian sample"],
)


# --------------------------------------------------------------------------------------------
# One step of Adam


_LR, _B1, _B2, _EPS_ADAM, _T = 0.1, 0.9, 0.999, 1e-8, 3
_C1, _C2 = 1.0 - _B1 ** _T, 1.0 - _B2 ** _T


def _adam(theta, g, m, v):
    m1 = _B1 * m + (1.0 - _B1) * g
    v1 = _B2 * v + (1.0 - _B2) * g * g
    step = _LR / _C1
    denom = np.sqrt(v1) / np.sqrt(_C2) + _EPS_ADAM   # PyTorch's arrangement of the same update
    return theta - step * m1 / denom, m1, v1


def _adam_jvp(g, m, v, m_new, v_new, dtheta, dg, dm, dv):
    dm1 = _B1 * dm + (1.0 - _B1) * dg
    dv1 = _B2 * dv + 2.0 * (1.0 - _B2) * g * dg
    m_hat, v_hat = m_new / _C1, v_new / _C2
    d = np.sqrt(v_hat) + _EPS_ADAM
    dtheta1 = dtheta - _LR * (dm1 / (_C1 * d) - m_hat * dv1 / (2.0 * _C2 * np.sqrt(v_hat) * d ** 2))
    return dtheta1, dm1, dv1


def _adam_vjp(g, m_new, v_new, theta_new_bar, m_new_bar, v_new_bar):
    m_hat, v_hat = m_new / _C1, v_new / _C2
    d = np.sqrt(v_hat) + _EPS_ADAM
    m_tot = m_new_bar - _LR * theta_new_bar / (_C1 * d)
    v_tot = v_new_bar + _LR * theta_new_bar * m_hat / (2.0 * _C2 * np.sqrt(v_hat) * d ** 2)
    return theta_new_bar, (1.0 - _B1) * m_tot + 2.0 * (1.0 - _B2) * g * v_tot, _B1 * m_tot, _B2 * v_tot


ADRule(
    id="S3N4",
    title="Forward and reverse rules of one Adam step (t = 3, lr 0.1, betas 0.9 and 0.999, eps 1e-8)",
    primitive="adam_step",
    latex=r"m' = \beta_1 m + (1 - \beta_1)g, \quad v' = \beta_2 v + (1 - \beta_2)\,g\circ g, \quad "
          r"\theta' = \theta - \alpha\frac{\hat{m}}{\sqrt{\hat{v}} + \epsilon}, \quad "
          r"\hat{m} = \frac{m'}{1 - \beta_1^{t}}, \quad \hat{v} = \frac{v'}{1 - \beta_2^{t}}",
    variables={"theta": Vector("D", description="the parameters before the step, of length D (any shape, flattened)"),
               "g": Vector("D", description="the gradient of the loss at θ"),
               "m": Vector("D", description="the first-moment estimate before the step"),
               "v": Vector("D", "positive", description="the second-moment estimate before the step (positive)")},
    wrt=("theta", "g", "m", "v"),
    outputs=("theta_new", "m_new", "v_new"),
    output_tex={"theta_new": r"\theta'", "m_new": "m'", "v_new": "v'"},
    f=_adam,
    jvp=(r"\dot{m'} = \beta_1\dot{m} + (1 - \beta_1)\dot{g}, \quad \dot{v'} = \beta_2\dot{v} + 2(1 - \beta_2)\,g\circ\dot{g}, \quad "
         r"\dot{\theta'} = \dot{\theta} - \alpha\Bigl(\frac{\dot{m'}}{(1 - \beta_1^{t})\,d} - "
         r"\frac{\hat{m}\circ\dot{v'}}{2(1 - \beta_2^{t})\sqrt{\hat{v}}\,d^{2}}\Bigr), \quad d = \sqrt{\hat{v}} + \epsilon",
         _adam_jvp),
    vjp=(r"\tilde{m} = \bar{m'} - \frac{\alpha\,\bar{\theta'}}{(1 - \beta_1^{t})\,d}, \quad "
         r"\tilde{v} = \bar{v'} + \frac{\alpha\,\bar{\theta'}\circ\hat{m}}{2(1 - \beta_2^{t})\sqrt{\hat{v}}\,d^{2}}, \quad "
         r"\bar{\theta} = \bar{\theta'}, \quad \bar{g} = (1 - \beta_1)\tilde{m} + 2(1 - \beta_2)\,g\circ\tilde{v}, \quad "
         r"\bar{m} = \beta_1\tilde{m}, \quad \bar{v} = \beta_2\tilde{v}",
         _adam_vjp),
    symbols={r"\alpha": "the learning rate, fixed at 0.1",
             r"\beta": "β₁ and β₂, the moments' decay rates, fixed at 0.9 and 0.999",
             r"\epsilon": "the denominator's guard, fixed at 1e-8",
             "t": "the step count after this step, fixed at 3",
             r"\hat{m}": "the bias-corrected first moment", r"\hat{v}": "the bias-corrected second moment",
             "d": "the denominator of the update, entry by entry",
             r"\tilde{m}": "the total cotangent of the new first moment (its own plus what the parameter update sends it)",
             r"\tilde{v}": "the total cotangent of the new second moment (its own plus what the parameter update sends it)"},
    also=[
        Formula(r"\theta' = \theta - \frac{\alpha}{1 - \beta_1^{t}}\,\frac{m'}{\sqrt{v'}/\sqrt{1 - \beta_2^{t}} + \epsilon}",
                lambda theta_new: theta_new,
                lambda theta, g, m, v: theta - _LR * (_B1 * m + (1 - _B1) * g) / (1 - _B1 ** _T)
                / (np.sqrt((_B2 * v + (1 - _B2) * g ** 2) / (1 - _B2 ** _T)) + _EPS_ADAM)),
    ],
    crosswalk={"pytorch": "torch.optim.Adam (lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False; "
                          "its single-tensor update, differentiable=True to trace it)",
               "pytorch_derivative": "none: the step runs under no_grad as in-place ops (lerp_, mul_, addcmul_, addcdiv_), "
                                     "and _fused_adam_ has no derivatives.yaml entry; with differentiable=True autograd "
                                     "differentiates those ops one by one",
               "jax": "optax.adam (learning_rate=0.1, b1=0.9, b2=0.999, eps=1e-8; optax.scale_by_adam then scaling by "
                      "−lr), an ordinary jax.numpy update that jax.grad differentiates"},
    notes="All arrays have the parameters' shape, and every product, quotient and square root acts entry by entry. "
          "The step count is fixed (the step taken is the third, so the bias corrections use t equal to 3); the "
          "learning rate, decay rates and ε are fixed constants, given in the title. PyTorch computes the same "
          "update arranged differently, dividing the learning rate by the first correction and the square root "
          "of the new second moment by the square root of the second (shown beside and checked). Rules of an "
          "optimiser step are what meta-learning and hyper-gradient methods differentiate through: the reverse "
          "rule sends the new parameters' cotangent back into the gradient through both moments. The second "
          "moment must be positive (here v is drawn positive, so the new one is too); ε keeps the denominator "
          "away from zero but not the square root's derivative, which is undefined where the new second moment "
          "vanishes.",
    references=[ref("kingma-ba-2015", "Algorithm 1"), ref("goodfellow-2016", "§8.5.3 Adam, Algorithm 8.7")],
    aliases=["adam step gradient", "differentiate through adam", "adam optimizer jvp", "adam update vjp",
             "hypergradient through optimizer step"],
)
