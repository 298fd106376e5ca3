"""Neural networks.

The derivatives deep-learning code needs: neurons and their losses (Parr & Howard's numerator
layout, gradients by a vector as row vectors), softmax and cross-entropy, dense layers and
backpropagation, layer, RMS and batch normalisation, attention, activation functions and common
losses and regularisers. Kinks (ReLU, hinge) are kept away from the sample points, and each such
entry says so in its conditions.
"""
import math

import numpy as np

from identities import Derivative, Differential, Hessian, Matrix, Scalar, Vector, cookbook, parr_howard, ref
from identities.entries import sigmoid
from identities.symbolic import sp


# Shared numerics: softmax (along the last axis) and log-sum-exp; the sigmoid is shared with other topics.
def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _logsumexp(z):
    m = z.max()
    return m + np.log(np.sum(np.exp(z - m)))


_erf = np.vectorize(math.erf, otypes=[float])


def _Phi(t):  # standard normal distribution function
    return 0.5 * (1.0 + _erf(t / math.sqrt(2.0)))


def _phi(t):  # standard normal density
    return np.exp(-0.5 * t * t) / math.sqrt(2.0 * math.pi)


def _tanh_u(t):  # tanh of the argument of the tanh approximation of GELU
    return np.tanh(math.sqrt(2.0 / math.pi) * (t + 0.044715 * t ** 3))


# Samplers that keep kinks away: numbers 0.3 to 2 from zero, and a mix of both signs.


def _away(rng, k):
    return rng.uniform(0.3, 2.0, size=k) * rng.choice([-1.0, 1.0], size=k)


def _mixed_signs(rng, k):
    t = _away(rng, k)
    t[0] = abs(t[0])
    if k > 1:
        t[-1] = -abs(t[-1])
    return t


def _neuron_off_kink(rng, values, seed):
    # The inactive case has a zero gradient, which no wrong answer can be told apart from: alternate the
    # side with the instance seed (consecutive in a run), so that every run also tests the active case.
    side = -1.0 if seed % 2 else 1.0
    values["b"] = np.asarray(side * rng.uniform(0.3, 2.0) - values["w"] @ values["x"])
    return values


def _layer_off_kink(rng, values):
    z = values["W"] @ values["x"]
    values["b"] = _mixed_signs(rng, len(z)) - z
    return values


def _move_rows(values, target):
    # shift each row x_i of X along w so that w·x_i + b takes the target value
    w, X = values["w"], values["X"]
    z = X @ w + values["b"]
    values["X"] = X + np.outer(target - z, w) / (w @ w)
    return values


def _samples_mixed(rng, values):
    return _move_rows(values, _mixed_signs(rng, len(values["y"])))


def _samples_active(rng, values):
    return _move_rows(values, np.abs(_away(rng, len(values["y"]))))


def _hinge_margins(rng, values):
    w, X = values["w"], values["X"]
    y = rng.choice([-1.0, 1.0], size=len(values["y"]))
    margin = y * (X @ w)
    target = 1.0 + _mixed_signs(rng, len(y))
    values["y"] = y
    values["X"] = X + np.outer((target - margin) * y, w) / (w @ w)
    return values


def _triplet_active(rng, values):
    a, p, n = values["a"], values["p"], values["n"]
    gap = np.sum((a - n) ** 2) - np.sum((a - p) ** 2)
    values["alpha"] = np.asarray(gap + rng.uniform(0.3, 2.0))
    return values


def _layer_norm(x, epsilon):
    c = x - x.mean()
    sigma = np.sqrt(np.mean(c * c) + epsilon)
    return c / sigma, sigma


def _batch_norm(X, epsilon):
    C = X - X.mean(axis=0)
    sigma = np.sqrt(np.mean(C * C, axis=0) + epsilon)
    return C / sigma, sigma


def _attention_scores(Q, K):
    return _softmax(Q @ K.T / np.sqrt(Q.shape[1]))


def _causal_scores(Q, K):
    Z = Q @ K.T / np.sqrt(Q.shape[1])
    Z = np.where(np.tril(np.ones(Z.shape, dtype=bool)), Z, -np.inf)
    return _softmax(Z)


ONES = {r"\mathbf{1}": "the vector of ones"}
IVERSON = "[P] is the Iverson bracket: 1 when P holds, 0 otherwise."

# --------------------------------------------------------------------------------------------
# A single neuron (Parr & Howard §5)

Derivative(
    id="VN75",
    title="Gradient of an affine neuron w·x + b by its weights",
    latex=r"\frac{\partial}{\partial w}\bigl(w^{\top}x + b\bigr) = x^{\top}",
    variables={"w": Vector("n"), "x": Vector("n"), "b": Scalar()},
    wrt="w",
    layout="numerator",
    f=lambda w, x, b: w @ x + b,
    claimed=lambda w, x, b: x,
    other_layout=(r"\frac{\partial}{\partial w}\bigl(w^{\top}x + b\bigr) = x", lambda w, x, b: x.copy()),
    symbolic=lambda w, x, b: (w.T * x)[0, 0] + b,
    differential=r"\mathrm{d}\bigl(w^{\top}x + b\bigr) = x^{\top}\mathrm{d}w + \mathrm{d}b",
    references=[parr_howard("5 The gradient of neuron activation")],
    aliases=["neuron gradient", "derivative of dot product plus bias", "affine unit gradient",
             "gradient of w dot x"],
    notes="Parr & Howard write w·x for wᵀx and give the gradient by a vector as a row vector (numerator "
          "layout). The derivative by the bias is 1.",
)

Derivative(
    id="K5VC",
    title="Gradient of a ReLU neuron max(0, w·x + b) by its weights",
    latex=r"\frac{\partial}{\partial w}\max\bigl(0,\, w^{\top}x + b\bigr) = \begin{cases} x^{\top} & w^{\top}x + b > 0 "
          r"\\ 0^{\top} & w^{\top}x + b < 0 \end{cases}",
    variables={"w": Vector("n"), "x": Vector("n"), "b": Scalar()},
    wrt="w",
    layout="numerator",
    f=lambda w, x, b: np.maximum(0.0, w @ x + b),
    claimed=lambda w, x, b: x if w @ x + b > 0 else np.zeros_like(x),
    prepare=_neuron_off_kink,
    conditions="b is set so that w·x + b lies 0.3 to 2 away from the kink at 0: positive (the active case, "
               "gradient xᵀ) for even instance seeds, negative (the inactive case, gradient 0ᵀ) for odd ones.",
    references=[parr_howard("5 The gradient of neuron activation")],
    aliases=["ReLU neuron gradient", "rectified linear unit derivative by weights", "activation gradient",
             "dead ReLU gradient"],
    notes="At w·x + b = 0 the neuron has no derivative; Parr & Howard, like most frameworks, use 0 there "
          "(a subgradient).",
)

Derivative(
    id="SAB4",
    title="Derivative of a ReLU neuron max(0, w·x + b) by its bias",
    latex=r"\frac{\partial}{\partial b}\max\bigl(0,\, w^{\top}x + b\bigr) = \begin{cases} 1 & w^{\top}x + b > 0 "
          r"\\ 0 & w^{\top}x + b < 0 \end{cases}",
    variables={"w": Vector("n"), "x": Vector("n"), "b": Scalar()},
    wrt="b",
    layout="numerator",
    f=lambda w, x, b: np.maximum(0.0, w @ x + b),
    claimed=lambda w, x, b: np.asarray(1.0 if w @ x + b > 0 else 0.0),
    prepare=_neuron_off_kink,
    conditions="b is set so that w·x + b lies 0.3 to 2 away from the kink at 0: positive (the active case, "
               "derivative 1) for even instance seeds, negative (the inactive case, 0) for odd ones.",
    references=[parr_howard("5 The gradient of neuron activation")],
    aliases=["ReLU neuron bias derivative", "derivative of ReLU by bias", "step function derivative of max"],
)

Derivative(
    id="CVL2",
    title="Gradient of a sigmoid neuron σ(w·x + b) by its weights",
    latex=r"\frac{\partial}{\partial w}\sigma\bigl(w^{\top}x + b\bigr) = \sigma(z)\bigl(1 - \sigma(z)\bigr)\,x^{\top},"
          r"\quad z = w^{\top}x + b",
    variables={"w": Vector("n"), "x": Vector("n"), "b": Scalar()},
    wrt="w",
    layout="numerator",
    f=lambda w, x, b: sigmoid(w @ x + b),
    claimed=lambda w, x, b: sigmoid(w @ x + b) * (1.0 - sigmoid(w @ x + b)) * x,
    symbols={r"\sigma": "the logistic sigmoid 1/(1 + exp(−t))", "z": "the pre-activation w·x + b"},
    references=[parr_howard("4.5.3 Vector chain rule"),
                ref("goodfellow-2016", "§3.10 Useful Properties of Common Functions")],
    aliases=["sigmoid neuron gradient", "logistic unit derivative", "derivative of sigmoid of affine function"],
    notes="The chain rule with σ′(z) = σ(z)(1 − σ(z)); the same steps as Parr & Howard's ReLU neuron.",
)

Derivative(
    id="YLAV",
    title="Jacobian of a ReLU layer max(0, Wx + b) by its input",
    latex=r"\frac{\partial}{\partial x}\max\bigl(0,\, Wx + b\bigr) = \operatorname{diag}\bigl([Wx + b > 0]\bigr)\,W",
    variables={"W": Matrix("m", "n"), "x": Vector("n"), "b": Vector("m")},
    wrt="x",
    layout="numerator",
    f=lambda W, x, b: np.maximum(0.0, W @ x + b),
    claimed=lambda W, x, b: (W @ x + b > 0)[:, None] * W,
    other_layout=(r"\frac{\partial}{\partial x}\max\bigl(0,\, Wx + b\bigr) = "
                  r"W^{\top}\operatorname{diag}\bigl([Wx + b > 0]\bigr)",
                  lambda W, x, b: W.T * (W @ x + b > 0)[None, :]),
    prepare=_layer_off_kink,
    conditions="b is set so that every entry of Wx + b lies 0.3 to 2 away from 0, the first unit active and "
               "the last inactive.",
    references=[parr_howard("4.5.3 Vector chain rule"),
                ref("goodfellow-2016", "§6.3.1 Rectified Linear Units and Their Generalizations")],
    aliases=["ReLU layer Jacobian", "Jacobian of rectified linear layer", "backprop through ReLU",
             "ReLU mask times weights"],
    notes=IVERSON + " Backpropagation multiplies the upstream gradient by this mask, then by W.",
)

# --------------------------------------------------------------------------------------------
# The loss of a neuron (Parr & Howard §6)

_NEURON_LOSS = (r"\frac{1}{N}\sum_{i=1}^{N}\bigl(y_i - \max(0,\, w^{\top}x_i + b)\bigr)^2")
_ROWS = r",\quad x_i^{\top} = X_{i,:}"
_LOSS_SYMBOLS = {"x": "x_i is the i-th input, row i of X", "i": "the sample index"}

Derivative(
    id="A16P",
    title="Gradient of the mean squared error of a ReLU neuron by its weights",
    latex=r"\frac{\partial}{\partial w}" + _NEURON_LOSS
          + r" = \frac{2}{N}\sum_{i=1}^{N}[w^{\top}x_i + b > 0]\,(w^{\top}x_i + b - y_i)\,x_i^{\top}" + _ROWS,
    variables={"w": Vector("n"), "b": Scalar(), "X": Matrix("N", "n"), "y": Vector("N")},
    wrt="w",
    layout="numerator",
    f=lambda w, b, X, y: np.mean((y - np.maximum(0.0, X @ w + b)) ** 2),
    claimed=lambda w, b, X, y: 2.0 / len(y) * X.T @ ((X @ w + b > 0) * (X @ w + b - y)),
    prepare=_samples_mixed,
    conditions="The rows of X are moved along w so that every w·xᵢ + b lies 0.3 to 2 away from 0, with the "
               "first sample active and the last inactive: inactive samples contribute nothing.",
    symbols=_LOSS_SYMBOLS,
    references=[parr_howard("6.1 The gradient with respect to the weights")],
    aliases=["neuron loss gradient", "MSE gradient ReLU", "gradient of the cost by the weights",
             "backprop single neuron"],
    notes=IVERSON + " Parr & Howard derive it with the case split inside the sum, one case per sample.",
)

Derivative(
    id="7N56",
    title="Derivative of the mean squared error of a ReLU neuron by its bias",
    latex=r"\frac{\partial}{\partial b}" + _NEURON_LOSS
          + r" = \frac{2}{N}\sum_{i=1}^{N}[w^{\top}x_i + b > 0]\,(w^{\top}x_i + b - y_i)" + _ROWS,
    variables={"w": Vector("n"), "b": Scalar(), "X": Matrix("N", "n"), "y": Vector("N")},
    wrt="b",
    layout="numerator",
    f=lambda w, b, X, y: np.mean((y - np.maximum(0.0, X @ w + b)) ** 2),
    claimed=lambda w, b, X, y: 2.0 / len(y) * np.sum((X @ w + b > 0) * (X @ w + b - y)),
    prepare=_samples_mixed,
    conditions="The rows of X are moved along w so that every w·xᵢ + b lies 0.3 to 2 away from 0, with the "
               "first sample active and the last inactive.",
    symbols=_LOSS_SYMBOLS,
    references=[parr_howard("6.2 The derivative with respect to the bias")],
    aliases=["neuron loss bias derivative", "gradient of the cost by the bias", "MSE bias gradient"],
    notes=IVERSON,
)

Derivative(
    id="R0QG",
    title="Gradient of a neuron's mean squared error by its weights, all units active",
    latex=r"\frac{\partial}{\partial w}" + _NEURON_LOSS
          + r" = \frac{2}{N}\sum_{i=1}^{N}e_i\,x_i^{\top},\quad e_i = w^{\top}x_i + b - y_i" + _ROWS,
    variables={"w": Vector("n"), "b": Scalar(), "X": Matrix("N", "n"), "y": Vector("N")},
    wrt="w",
    layout="numerator",
    f=lambda w, b, X, y: np.mean((y - np.maximum(0.0, X @ w + b)) ** 2),
    claimed=lambda w, b, X, y: 2.0 / len(y) * (X @ w + b - y) @ X,
    prepare=_samples_active,
    conditions="Every sample is active: the rows of X are moved along w so that w·xᵢ + b lies between 0.3 "
               "and 2.",
    symbols={**_LOSS_SYMBOLS, "e": "e_i is the error of sample i"},
    references=[parr_howard("6.1 The gradient with respect to the weights")],
    aliases=["error-weighted average of inputs", "linear regression gradient", "least squares gradient by weights",
             "gradient of the cost, nonzero activation"],
    notes="Parr & Howard's form 'for the nonzero activation cases'; it is also the gradient of the plain "
          "affine model's mean squared error. In matrix form: (2/N) eᵀX with e = Xw + b1 − y.",
)

Derivative(
    id="VQW9",
    title="Derivative of a neuron's mean squared error by its bias, all units active",
    latex=r"\frac{\partial}{\partial b}" + _NEURON_LOSS
          + r" = \frac{2}{N}\sum_{i=1}^{N}e_i,\quad e_i = w^{\top}x_i + b - y_i" + _ROWS,
    variables={"w": Vector("n"), "b": Scalar(), "X": Matrix("N", "n"), "y": Vector("N")},
    wrt="b",
    layout="numerator",
    f=lambda w, b, X, y: np.mean((y - np.maximum(0.0, X @ w + b)) ** 2),
    claimed=lambda w, b, X, y: 2.0 * np.mean(X @ w + b - y),
    prepare=_samples_active,
    conditions="Every sample is active: the rows of X are moved along w so that w·xᵢ + b lies between 0.3 "
               "and 2.",
    symbols={**_LOSS_SYMBOLS, "e": "e_i is the error of sample i"},
    references=[parr_howard("6.2 The derivative with respect to the bias")],
    aliases=["mean error", "bias gradient of squared error", "gradient of the cost by the bias, nonzero activation"],
)

# --------------------------------------------------------------------------------------------
# Softmax, log-sum-exp and classification losses

_SOFTMAX_SKETCH = ("s_i = exp(z_i)/Σ_k exp(z_k), so ∂s_i/∂z_j = s_i(δ_ij − s_j): the Jacobian is "
                   "diag(s) − ssᵀ.")

Derivative(
    id="AH09",
    title="Jacobian of the softmax",
    latex=r"\frac{\partial \operatorname{softmax}(z)}{\partial z} = \operatorname{diag}(s) - s s^{\top},"
          r"\quad s = \operatorname{softmax}(z)",
    variables={"z": Vector("n")},
    wrt="z",
    layout="numerator",
    f=lambda z: _softmax(z),
    claimed=lambda z: np.diag(_softmax(z)) - np.outer(_softmax(z), _softmax(z)),
    symbols={"s": "the softmax probabilities"},
    sketch=_SOFTMAX_SKETCH,
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["softmax derivative", "softmax Jacobian", "derivative of softmax function",
             "diag(s) minus s s transpose"],
    notes="The Jacobian is symmetric, so both layouts agree. Its rows sum to zero: adding a constant to "
          "every z_i leaves the softmax unchanged.",
)

Derivative(
    id="X04W",
    title="Jacobian of the log-softmax",
    latex=r"\frac{\partial \log\operatorname{softmax}(z)}{\partial z} = I - \mathbf{1}s^{\top},"
          r"\quad s = \operatorname{softmax}(z)",
    variables={"z": Vector("n")},
    wrt="z",
    layout="numerator",
    f=lambda z: z - _logsumexp(z),
    claimed=lambda z: np.eye(len(z)) - np.outer(np.ones(len(z)), _softmax(z)),
    other_layout=(r"\frac{\partial \log\operatorname{softmax}(z)}{\partial z} = I - s\mathbf{1}^{\top}",
                  lambda z: np.eye(len(z)) - np.outer(_softmax(z), np.ones(len(z)))),
    symbols={"s": "the softmax probabilities", **ONES},
    sketch="log softmax(z)_i = z_i − log Σ_k exp(z_k); the derivative of the second term by z_j is s_j, "
               "so row i of the Jacobian is e_iᵀ − sᵀ.",
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["log softmax derivative", "log-softmax Jacobian", "log_softmax gradient"],
    notes="Unlike the softmax Jacobian this one is not symmetric: in numerator layout row i is e_iᵀ − sᵀ.",
)

Derivative(
    id="1UJ9",
    title="Gradient of log-sum-exp is the softmax",
    latex=r"\frac{\partial}{\partial z}\log\sum_{i=1}^{n}\exp(z_i) = \operatorname{softmax}(z)",
    variables={"z": Vector("n")},
    wrt="z",
    layout="denominator",
    f=lambda z: _logsumexp(z),
    claimed=lambda z: np.exp(z) / np.sum(np.exp(z)),
    symbols={"i": "an index"},
    sketch="∂/∂z_j log Σ_i exp(z_i) = exp(z_j)/Σ_i exp(z_i).",
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["logsumexp gradient", "LSE derivative", "soft maximum gradient", "derivative of log sum exp"],
)

Hessian(
    id="ND9Q",
    title="Hessian of log-sum-exp",
    latex=r"\frac{\partial^2}{\partial z\,\partial z^{\top}}\log\sum_{i=1}^{n}\exp(z_i) = "
          r"\operatorname{diag}(s) - s s^{\top},\quad s = \operatorname{softmax}(z)",
    variables={"z": Vector("n")},
    wrt="z",
    f=lambda z: _logsumexp(z),
    claimed=lambda z: np.diag(_softmax(z)) - np.outer(_softmax(z), _softmax(z)),
    symbols={"i": "an index", "s": "the softmax probabilities"},
    sketch="The gradient of log-sum-exp is softmax(z), whose Jacobian is diag(s) − ssᵀ.",
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["logsumexp Hessian", "second derivative of log sum exp", "convexity of log-sum-exp"],
    notes="Positive semidefinite, with 1 in its null space: log-sum-exp is convex but not strictly.",
)

Derivative(
    id="1JBY",
    title="Gradient of softmax cross-entropy by the logits",
    latex=r"\frac{\partial}{\partial z}\Bigl(-y^{\top}\log\operatorname{softmax}(z)\Bigr) = "
          r"\operatorname{softmax}(z) - y",
    variables={"z": Vector("n"), "y": Vector("n", "probability")},
    wrt="z",
    layout="denominator",
    f=lambda z, y: -y @ (z - _logsumexp(z)),
    claimed=lambda z, y: _softmax(z) - y,
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["cross entropy gradient", "softmax cross-entropy derivative", "logits gradient",
             "softmax minus one-hot", "negative log-likelihood softmax gradient"],
    notes="Holds when y sums to one (a one-hot label or soft targets); for other y see the general form.",
)

Derivative(
    id="H014",
    title="Gradient of softmax cross-entropy for unnormalised targets",
    latex=r"\frac{\partial}{\partial z}\Bigl(-y^{\top}\log\operatorname{softmax}(z)\Bigr) = "
          r"(\mathbf{1}^{\top}y)\operatorname{softmax}(z) - y",
    variables={"z": Vector("n"), "y": Vector("n")},
    wrt="z",
    layout="denominator",
    f=lambda z, y: -y @ (z - _logsumexp(z)),
    claimed=lambda z, y: np.sum(y) * _softmax(z) - y,
    symbols=ONES,
    sketch="−yᵀ log softmax(z) = −yᵀz + (1ᵀy) log Σ exp(z_i); the gradient of log-sum-exp is softmax(z).",
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["weighted cross entropy gradient", "cross entropy with unnormalised targets",
             "label smoothing gradient"],
    notes="Reduces to softmax(z) − y when y is a probability vector; a common bug is to drop the factor 1ᵀy "
          "for targets that do not sum to one.",
)

Derivative(
    id="WY06",
    title="Jacobian of the softmax with temperature",
    latex=r"\frac{\partial}{\partial z}\operatorname{softmax}(z/\tau) = \frac{1}{\tau}\bigl(\operatorname{diag}(s) "
          r"- s s^{\top}\bigr),\quad s = \operatorname{softmax}(z/\tau)",
    variables={"z": Vector("n"), "tau": Scalar("positive")},
    wrt="z",
    layout="numerator",
    f=lambda z, tau: _softmax(z / tau),
    claimed=lambda z, tau: (np.diag(_softmax(z / tau)) - np.outer(_softmax(z / tau), _softmax(z / tau))) / tau,
    symbols={"s": "the tempered softmax probabilities"},
    sketch="The chain rule: the softmax Jacobian at z/τ times the Jacobian I/τ of z ↦ z/τ.",
    aliases=["temperature softmax derivative", "tempered softmax Jacobian", "distillation softmax gradient"],
)

Derivative(
    id="P773",
    title="Gradient of binary cross-entropy with a sigmoid by the logits",
    latex=r"\frac{\partial}{\partial z}\Bigl(-y^{\top}\log\sigma(z) - (\mathbf{1} - y)^{\top}\log\bigl(\mathbf{1} "
          r"- \sigma(z)\bigr)\Bigr) = \sigma(z) - y",
    variables={"z": Vector("n"), "y": Vector("n", "unit_interval")},
    wrt="z",
    layout="denominator",
    f=lambda z, y: np.sum(y * np.logaddexp(0.0, -z) + (1.0 - y) * np.logaddexp(0.0, z)),
    claimed=lambda z, y: sigmoid(z) - y,
    symbols={r"\sigma": "the logistic sigmoid, element-wise", **ONES},
    references=[ref("goodfellow-2016", "§6.2.2.2 Sigmoid Units for Bernoulli Output Distributions")],
    aliases=["binary cross entropy gradient", "BCE with logits derivative", "sigmoid cross entropy gradient",
             "logistic loss gradient"],
    notes="log σ(z) and log(1 − σ(z)) act element-wise; y may hold labels in {0, 1} or soft targets in [0, 1].",
)

Derivative(
    id="MM9Z",
    title="Gradient of the mean squared error",
    latex=r"\frac{\partial}{\partial \hat{y}}\frac{1}{n}\lVert \hat{y} - y\rVert_2^2 = \frac{2}{n}(\hat{y} - y)",
    variables={"y_hat": Vector("n", tex=r"\hat{y}"), "y": Vector("n")},
    wrt="y_hat",
    layout="denominator",
    f=lambda y_hat, y: np.mean((y_hat - y) ** 2),
    claimed=lambda y_hat, y: 2.0 * (y_hat - y) / len(y),
    symbolic=lambda y_hat, y: ((y_hat - y).T * (y_hat - y))[0, 0] / y.shape[0],
    sketch="d‖ŷ − y‖² = 2(ŷ − y)ᵀdŷ, divided by n.",
    aliases=["MSE gradient", "mean squared error derivative", "L2 loss gradient", "squared error loss"],
    notes="With the sum instead of the mean the factor is 2; with ½‖ŷ − y‖² it is 1.",
)

Derivative(
    id="0QUC",
    title="Gradient of the hinge loss by the weights",
    latex=r"\frac{\partial}{\partial w}\sum_{i=1}^{N}\max\bigl(0,\, 1 - y_i w^{\top}x_i\bigr) = "
          r"-\sum_{i=1}^{N}[y_i w^{\top}x_i < 1]\,y_i x_i" + _ROWS,
    variables={"w": Vector("n"), "X": Matrix("N", "n"), "y": Vector("N")},
    wrt="w",
    layout="denominator",
    f=lambda w, X, y: np.sum(np.maximum(0.0, 1.0 - y * (X @ w))),
    claimed=lambda w, X, y: -X.T @ ((y * (X @ w) < 1) * y),
    prepare=_hinge_margins,
    conditions="The labels yᵢ are ±1, and the rows of X are moved along w so that every margin yᵢ w·xᵢ lies "
               "0.3 to 2 away from 1 (away from the kink), the first sample outside the margin and the last "
               "inside it.",
    symbols=_LOSS_SYMBOLS,
    sketch="Each term is 1 − yᵢwᵀxᵢ where the margin is below 1 (gradient −yᵢxᵢ) and 0 elsewhere.",
    aliases=["hinge loss gradient", "SVM loss subgradient", "max-margin loss derivative"],
    notes=IVERSON + " At a margin of exactly 1 the loss has no gradient; −yᵢxᵢ times any number in [0, 1] "
          "is a subgradient there.",
)

# --------------------------------------------------------------------------------------------
# Dense layers and backpropagation.  L = tr(Gᵀ Y) has ∂L/∂Y = G, so these are the backward rules
# for any loss whose upstream gradient at Y is G.

_DENSE = r"\operatorname{tr}\bigl(G^{\top}(XW + \mathbf{1}b^{\top})\bigr)"


def _dense_vars():
    return {"X": Matrix("N", "p"), "W": Matrix("p", "q"), "b": Vector("q"),
            "G": Matrix("N", "q", description="the upstream gradient ∂L/∂Y")}


_DENSE_NOTE = ("Y = XW + 1bᵀ is a batch of N rows. tr(GᵀY) is linear in Y with gradient G, so by the chain "
               "rule this is the backward pass of the layer for any loss L(Y) whose gradient at Y is G.")

Derivative(
    id="NLTF",
    title="Dense layer backward pass: gradient by the weights, XᵀG",
    latex=r"\frac{\partial}{\partial W}" + _DENSE + r" = X^{\top}G",
    variables=_dense_vars(),
    wrt="W",
    layout="denominator",
    f=lambda X, W, b, G: np.sum(G * (X @ W + b)),
    claimed=lambda X, W, b, G: X.T @ G,
    other_layout=(r"\frac{\partial}{\partial W}" + _DENSE + r" = G^{\top}X", lambda X, W, b, G: G.T @ X),
    symbolic=lambda X, W, b, G: sp.Trace(G.T * (X * W + sp.OneMatrix(X.shape[0], 1) * b.T)),
    symbols=ONES,
    references=[ref("goodfellow-2016", "§6.5.4 Back-Propagation Computation in Fully-Connected MLP")],
    aliases=["linear layer weight gradient", "fully connected backward", "dW = X^T dY", "dense layer gradient"],
    notes=_DENSE_NOTE,
)

Derivative(
    id="DWWL",
    title="Dense layer backward pass: gradient by the input, GWᵀ",
    latex=r"\frac{\partial}{\partial X}" + _DENSE + r" = G W^{\top}",
    variables=_dense_vars(),
    wrt="X",
    layout="denominator",
    f=lambda X, W, b, G: np.sum(G * (X @ W + b)),
    claimed=lambda X, W, b, G: G @ W.T,
    other_layout=(r"\frac{\partial}{\partial X}" + _DENSE + r" = W G^{\top}", lambda X, W, b, G: W @ G.T),
    symbolic=lambda X, W, b, G: sp.Trace(G.T * (X * W + sp.OneMatrix(X.shape[0], 1) * b.T)),
    symbols=ONES,
    references=[ref("goodfellow-2016", "§6.5.4 Back-Propagation Computation in Fully-Connected MLP")],
    aliases=["linear layer input gradient", "dX = dY W^T", "backpropagate through a dense layer"],
    notes=_DENSE_NOTE,
)

Derivative(
    id="FNLN",
    title="Dense layer backward pass: gradient by the bias, column sums of G",
    latex=r"\frac{\partial}{\partial b}" + _DENSE + r" = G^{\top}\mathbf{1}",
    variables=_dense_vars(),
    wrt="b",
    layout="denominator",
    f=lambda X, W, b, G: np.sum(G * (X @ W + b)),
    claimed=lambda X, W, b, G: G.sum(axis=0),
    symbolic=lambda X, W, b, G: sp.Trace(G.T * (X * W + sp.OneMatrix(X.shape[0], 1) * b.T)),
    symbols=ONES,
    references=[parr_howard("4.3 Derivatives involving scalar expansion"),
                ref("goodfellow-2016", "§6.5.4 Back-Propagation Computation in Fully-Connected MLP")],
    aliases=["bias gradient sum over batch", "db = sum of dY", "broadcast bias backward"],
    notes=_DENSE_NOTE + " The bias is broadcast over the batch, so its gradient sums over the batch.",
)

_MLP = (r"L = \tfrac{1}{2}\lVert \hat{y} - y\rVert_2^2,\ \hat{y} = W_2 h + b_2,\ h = \tanh(W_1 x + b_1)")


def _mlp_vars():
    return {"x": Vector("n"), "W1": Matrix("m", "n", tex="W_1"), "b1": Vector("m", tex="b_1"),
            "W2": Matrix("k", "m", tex="W_2"), "b2": Vector("k", tex="b_2"), "y": Vector("k")}


_MLP_SYMBOLS = {"L": "the loss", "h": "the hidden activations", r"\hat{y}": "the network output"}


def _mlp_loss(x, W1, b1, W2, b2, y):
    r = W2 @ np.tanh(W1 @ x + b1) + b2 - y
    return 0.5 * r @ r


Derivative(
    id="0C03",
    title="Two-layer network: gradient by the first-layer weights (backprop through tanh)",
    latex=_MLP + r":\quad \frac{\partial L}{\partial W_1} = \Bigl(\bigl(W_2^{\top}(\hat{y} - y)\bigr)\circ"
          r"(\mathbf{1} - h\circ h)\Bigr)\,x^{\top}",
    variables=_mlp_vars(),
    wrt="W1",
    layout="denominator",
    f=_mlp_loss,
    claimed=lambda x, W1, b1, W2, b2, y: np.outer(
        (W2.T @ (W2 @ np.tanh(W1 @ x + b1) + b2 - y)) * (1.0 - np.tanh(W1 @ x + b1) ** 2), x),
    other_layout=(_MLP + r":\quad \frac{\partial L}{\partial W_1} = x\Bigl(\bigl(W_2^{\top}(\hat{y} - y)\bigr)\circ"
                  r"(\mathbf{1} - h\circ h)\Bigr)^{\top}",
                  lambda x, W1, b1, W2, b2, y: np.outer(
                      x, (W2.T @ (W2 @ np.tanh(W1 @ x + b1) + b2 - y)) * (1.0 - np.tanh(W1 @ x + b1) ** 2))),
    symbols={**_MLP_SYMBOLS, **ONES},
    references=[ref("goodfellow-2016", "§6.5.7 Example: Back-Propagation for MLP Training")],
    aliases=["backpropagation example", "two layer neural network gradient", "MLP backprop",
             "hidden layer weight gradient", "tanh derivative backprop"],
    notes="The error ŷ − y is sent back through W₂ᵀ, multiplied element-wise by tanh′ = 1 − h², and its "
          "outer product with the layer input x gives the weight gradient.",
)

Derivative(
    id="0EDZ",
    title="Two-layer network: gradient by the output-layer weights",
    latex=_MLP + r":\quad \frac{\partial L}{\partial W_2} = (\hat{y} - y)\,h^{\top}",
    variables=_mlp_vars(),
    wrt="W2",
    layout="denominator",
    f=_mlp_loss,
    claimed=lambda x, W1, b1, W2, b2, y: np.outer(W2 @ np.tanh(W1 @ x + b1) + b2 - y, np.tanh(W1 @ x + b1)),
    symbols=_MLP_SYMBOLS,
    references=[ref("goodfellow-2016", "§6.5.7 Example: Back-Propagation for MLP Training")],
    aliases=["output layer weight gradient", "last layer gradient", "delta rule"],
)

# --------------------------------------------------------------------------------------------
# Normalisation layers

_LN_DEF = (r"\hat{x} = \frac{x - \mu\mathbf{1}}{\sigma},\ \mu = \tfrac{1}{n}\mathbf{1}^{\top}x,\ "
           r"\sigma = \sqrt{\tfrac{1}{n}\lVert x - \mu\mathbf{1}\rVert_2^2 + \epsilon}")
_LN_SYMBOLS = {r"\hat{x}": "the normalised vector", r"\mu": "the mean of the entries of x",
               r"\sigma": "the standard deviation of the entries of x, with ε added to the variance", **ONES}
_LN_NOTE = ("Ba et al. define σ without ε; implementations add ε to the variance. The Jacobian has the same "
            "form either way, with σ the denominator actually used (only with ε = 0 is x̂ᵀx̂ = n).")
_LN_SKETCH = ("x̂ = Px/σ with P = I − 11ᵀ/n; dσ = (Px)ᵀdx/(nσ) = x̂ᵀdx/n, so dx̂ = P dx/σ − x̂ dσ/σ = "
              "(1/σ)(P − x̂x̂ᵀ/n) dx.")


def _ln_jacobian(x, epsilon):
    xhat, sigma = _layer_norm(x, epsilon)
    n = len(x)
    return (np.eye(n) - np.ones((n, n)) / n - np.outer(xhat, xhat) / n) / sigma


Derivative(
    id="MTM8",
    title="Jacobian of layer normalisation",
    latex=_LN_DEF + r":\quad \frac{\partial \hat{x}}{\partial x} = \frac{1}{\sigma}\Bigl(I - \tfrac{1}{n}\mathbf{1}"
          r"\mathbf{1}^{\top} - \tfrac{1}{n}\hat{x}\hat{x}^{\top}\Bigr)",
    variables={"x": Vector("n"), "epsilon": Scalar("positive")},
    wrt="x",
    layout="numerator",
    f=lambda x, epsilon: _layer_norm(x, epsilon)[0],
    claimed=_ln_jacobian,
    symbols=_LN_SYMBOLS,
    sketch=_LN_SKETCH,
    references=[ref("ba-2016", "§3 Layer normalization")],
    aliases=["layer norm Jacobian", "LayerNorm derivative", "standardisation Jacobian",
             "derivative of z-score normalisation"],
    notes="Symmetric, so both layouts agree. " + _LN_NOTE,
)

Derivative(
    id="LAP1",
    title="Jacobian of layer normalisation with gain and bias",
    latex=_LN_DEF + r":\quad \frac{\partial}{\partial x}\bigl(\gamma\circ\hat{x} + \beta\bigr) = "
          r"\operatorname{diag}(\gamma)\,\frac{1}{\sigma}\Bigl(I - \tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top} "
          r"- \tfrac{1}{n}\hat{x}\hat{x}^{\top}\Bigr)",
    variables={"x": Vector("n"), "gamma": Vector("n"), "beta": Vector("n"), "epsilon": Scalar("positive")},
    wrt="x",
    layout="numerator",
    f=lambda x, gamma, beta, epsilon: gamma * _layer_norm(x, epsilon)[0] + beta,
    claimed=lambda x, gamma, beta, epsilon: gamma[:, None] * _ln_jacobian(x, epsilon),
    other_layout=(_LN_DEF + r":\quad \frac{\partial}{\partial x}\bigl(\gamma\circ\hat{x} + \beta\bigr) = "
                  r"\frac{1}{\sigma}\Bigl(I - \tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top} - \tfrac{1}{n}\hat{x}"
                  r"\hat{x}^{\top}\Bigr)\operatorname{diag}(\gamma)",
                  lambda x, gamma, beta, epsilon: _ln_jacobian(x, epsilon) * gamma[None, :]),
    symbols=_LN_SYMBOLS,
    sketch=_LN_SKETCH + " The gain scales row i by γ_i; the bias does not depend on x.",
    references=[ref("ba-2016", "§3 Layer normalization")],
    aliases=["LayerNorm with affine parameters", "layer norm gain Jacobian", "elementwise affine layer norm"],
    notes=_LN_NOTE,
)

Derivative(
    id="FG03",
    title="Layer normalisation backward pass (vector-Jacobian product)",
    latex=_LN_DEF + r":\quad \frac{\partial}{\partial x}\,g^{\top}\hat{x} = \frac{1}{\sigma}\Bigl(g - "
          r"\tfrac{1}{n}(\mathbf{1}^{\top}g)\mathbf{1} - \tfrac{1}{n}(\hat{x}^{\top}g)\,\hat{x}\Bigr)",
    variables={"x": Vector("n"), "g": Vector("n", description="the upstream gradient ∂L/∂x̂"),
               "epsilon": Scalar("positive")},
    wrt="x",
    layout="denominator",
    f=lambda x, g, epsilon: g @ _layer_norm(x, epsilon)[0],
    claimed=lambda x, g, epsilon: (g - g.mean() - _layer_norm(x, epsilon)[0] * np.mean(g * _layer_norm(x, epsilon)[0]))
    / _layer_norm(x, epsilon)[1],
    symbols=_LN_SYMBOLS,
    sketch=_LN_SKETCH + " The Jacobian is symmetric, so the backward pass is J g.",
    references=[ref("ba-2016", "§3 Layer normalization")],
    aliases=["layer norm backward", "LayerNorm gradient", "layer norm vjp"],
    notes="The form used in hand-written backward kernels: subtract the mean of g and the projection of g "
          "on x̂, then divide by σ. " + _LN_NOTE,
)

def _rms_jacobian(x, epsilon):
    r2 = np.mean(x * x) + epsilon
    return (np.eye(len(x)) - np.outer(x, x) / (len(x) * r2)) / np.sqrt(r2)


Derivative(
    id="1ELE",
    title="Jacobian of RMS normalisation (RMSNorm)",
    latex=r"r = \sqrt{\tfrac{1}{n}\lVert x\rVert_2^2 + \epsilon}:\quad \frac{\partial}{\partial x}\Bigl(\gamma\circ"
          r"\frac{x}{r}\Bigr) = \frac{1}{r}\operatorname{diag}(\gamma)\Bigl(I - \frac{x x^{\top}}{n r^2}\Bigr)",
    variables={"x": Vector("n"), "gamma": Vector("n"), "epsilon": Scalar("positive")},
    wrt="x",
    layout="numerator",
    f=lambda x, gamma, epsilon: gamma * x / np.sqrt(np.mean(x * x) + epsilon),
    claimed=lambda x, gamma, epsilon: gamma[:, None] * _rms_jacobian(x, epsilon),
    other_layout=(r"r = \sqrt{\tfrac{1}{n}\lVert x\rVert_2^2 + \epsilon}:\quad \frac{\partial}{\partial x}\Bigl("
                  r"\gamma\circ\frac{x}{r}\Bigr) = \frac{1}{r}\Bigl(I - \frac{x x^{\top}}{n r^2}\Bigr)"
                  r"\operatorname{diag}(\gamma)",
                  lambda x, gamma, epsilon: _rms_jacobian(x, epsilon) * gamma[None, :]),
    symbols={"r": "the root mean square of x, with ε added"},
    sketch="dr = xᵀdx/(nr), so d(x/r) = dx/r − x dr/r² = (1/r)(I − xxᵀ/(nr²)) dx; the gain scales rows.",
    aliases=["RMSNorm derivative", "root mean square layer normalisation Jacobian", "RMS norm backward"],
    notes="RMSNorm (Zhang & Sennrich, 2019) is layer normalisation without centring.",
)

Derivative(
    id="NYDV",
    title="Batch normalisation backward pass",
    latex=r"\hat{X} = (X - \mathbf{1}\mu^{\top})\Sigma^{-1},\ \Sigma = \operatorname{diag}\bigl(\operatorname{var}(X) "
          r"+ \epsilon\bigr)^{1/2}:\quad \frac{\partial}{\partial X}\operatorname{tr}(G^{\top}\hat{X}) = \Bigl(G - "
          r"\tfrac{1}{N}\mathbf{1}\mathbf{1}^{\top}G - \tfrac{1}{N}\hat{X}\operatorname{diag}\bigl(\mathbf{1}^{\top}"
          r"(G\circ\hat{X})\bigr)\Bigr)\Sigma^{-1}",
    variables={"X": Matrix("N", "n"), "G": Matrix("N", "n", description="the upstream gradient ∂L/∂X̂"),
               "epsilon": Scalar("positive")},
    wrt="X",
    layout="denominator",
    f=lambda X, G, epsilon: np.sum(G * _batch_norm(X, epsilon)[0]),
    claimed=lambda X, G, epsilon: (G - G.mean(axis=0) - _batch_norm(X, epsilon)[0]
                                   * np.mean(G * _batch_norm(X, epsilon)[0], axis=0)) / _batch_norm(X, epsilon)[1],
    symbols={r"\hat{X}": "the normalised batch", r"\mu": "the column means of X",
             r"\Sigma": "the diagonal matrix of per-feature standard deviations (population variance plus ε)",
             **ONES},
    sketch="Each column (feature) over the batch of N rows is normalised like a layer-norm vector, whose "
               "Jacobian (1/σ)(I − 11ᵀ/N − x̂x̂ᵀ/N) is symmetric; apply it to each column of G.",
    references=[ref("goodfellow-2016", "§8.7.1 Batch Normalization")],
    aliases=["batch norm backward", "BatchNorm gradient", "batch normalization derivative"],
    notes="Training mode: the batch statistics depend on X and are differentiated through. Rows are samples, "
          "columns features; the gain and shift, when present, scale G column-wise first.",
)

# --------------------------------------------------------------------------------------------
# Attention, with A = softmax(QKᵀ/√d) V and the softmax taken along each row

_ROW_SOFTMAX_DIFF = r"S\circ\bigl(\mathrm{d}Z - ((S\circ\mathrm{d}Z)\mathbf{1})\mathbf{1}^{\top}\bigr)"
_ATT_DEF = r"A = SV,\ S = \operatorname{softmax}(Z),\ Z = QK^{\top}/\sqrt{d}"
_ATT_SYMBOLS = {"A": "the attention output", "S": "the attention weights, softmax of each row of Z",
                "Z": "the scores", **ONES}


def _dsoftmax_rows(S, dZ):
    P = S * dZ
    return P - S * P.sum(axis=1, keepdims=True)


Differential(
    id="E6R7",
    title="Differential of the row-wise softmax",
    latex=r"\mathrm{d}\operatorname{softmax}(Z) = " + _ROW_SOFTMAX_DIFF + r",\quad S = \operatorname{softmax}(Z)",
    variables={"Z": Matrix("N", "M")},
    wrt=("Z",),
    f=lambda Z: _softmax(Z),
    df=lambda Z, dZ: _softmax(Z) * dZ - _softmax(Z) * np.sum(_softmax(Z) * dZ, axis=1, keepdims=True),
    symbols={"S": "the softmax of each row of Z", **ONES},
    sketch="Row i: ds_i = (diag(s_i) − s_i s_iᵀ) dz_i = s_i ∘ dz_i − s_i (s_iᵀdz_i).",
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["softmax over rows differential", "matrix softmax derivative", "batched softmax Jacobian"],
)

Differential(
    id="RAE7",
    title="Differential of attention with respect to the values",
    latex=_ATT_DEF + r":\quad \mathrm{d}A = S\,\mathrm{d}V",
    variables={"Q": Matrix("N", "d"), "K": Matrix("M", "d"), "V": Matrix("M", "p")},
    wrt=("V",),
    f=lambda Q, K, V: _attention_scores(Q, K) @ V,
    df=lambda Q, K, V, dV: _attention_scores(Q, K) @ dV,
    symbols=_ATT_SYMBOLS,
    sketch="A is linear in V.",
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention derivative by V", "value gradient attention", "scaled dot-product attention differential"],
    notes="d is the key dimension d_k. The backward pass gives ∂L/∂V = SᵀG for an upstream gradient G.",
)

Differential(
    id="AD4Q",
    title="Differential of attention with respect to the queries",
    latex=_ATT_DEF + r":\quad \mathrm{d}A = \Bigl(" + _ROW_SOFTMAX_DIFF + r"\Bigr)V,\quad \mathrm{d}Z = "
          r"\mathrm{d}Q\,K^{\top}/\sqrt{d}",
    variables={"Q": Matrix("N", "d"), "K": Matrix("M", "d"), "V": Matrix("M", "p")},
    wrt=("Q",),
    f=lambda Q, K, V: _attention_scores(Q, K) @ V,
    df=lambda Q, K, V, dQ: _dsoftmax_rows(_attention_scores(Q, K), dQ @ K.T / np.sqrt(Q.shape[1])) @ V,
    symbols=_ATT_SYMBOLS,
    sketch="The chain rule through Z = QKᵀ/√d and the row-wise softmax differential.",
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention derivative by Q", "query gradient attention", "self-attention Jacobian"],
)

Differential(
    id="YYJH",
    title="Differential of attention with respect to the keys",
    latex=_ATT_DEF + r":\quad \mathrm{d}A = \Bigl(" + _ROW_SOFTMAX_DIFF + r"\Bigr)V,\quad \mathrm{d}Z = "
          r"Q\,\mathrm{d}K^{\top}/\sqrt{d}",
    variables={"Q": Matrix("N", "d"), "K": Matrix("M", "d"), "V": Matrix("M", "p")},
    wrt=("K",),
    f=lambda Q, K, V: _attention_scores(Q, K) @ V,
    df=lambda Q, K, V, dK: _dsoftmax_rows(_attention_scores(Q, K), Q @ dK.T / np.sqrt(Q.shape[1])) @ V,
    symbols=_ATT_SYMBOLS,
    sketch="The chain rule through Z = QKᵀ/√d and the row-wise softmax differential.",
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention derivative by K", "key gradient attention"],
)

Differential(
    id="5NHC",
    title="Differential of scaled dot-product attention",
    latex=_ATT_DEF + r":\quad \mathrm{d}A = \Bigl(" + _ROW_SOFTMAX_DIFF + r"\Bigr)V + S\,\mathrm{d}V,\quad "
          r"\mathrm{d}Z = \bigl(\mathrm{d}Q\,K^{\top} + Q\,\mathrm{d}K^{\top}\bigr)/\sqrt{d}",
    variables={"Q": Matrix("N", "d"), "K": Matrix("M", "d"), "V": Matrix("M", "p")},
    wrt=("Q", "K", "V"),
    f=lambda Q, K, V: _attention_scores(Q, K) @ V,
    df=lambda Q, K, V, dQ, dK, dV: (
        _dsoftmax_rows(_attention_scores(Q, K), (dQ @ K.T + Q @ dK.T) / np.sqrt(Q.shape[1])) @ V
        + _attention_scores(Q, K) @ dV),
    symbols=_ATT_SYMBOLS,
    sketch="The product rule on A = SV, the row-wise softmax differential for dS, and the product rule "
               "on Z = QKᵀ/√d.",
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention differential", "transformer attention derivative", "self-attention gradient",
             "scaled dot product attention Jacobian"],
)

Derivative(
    id="YF92",
    title="Attention backward pass: gradient by the scores",
    latex=r"\frac{\partial}{\partial Z}\operatorname{tr}\bigl(G^{\top}\operatorname{softmax}(Z)V\bigr) = "
          r"S\circ\bigl(GV^{\top} - ((S\circ GV^{\top})\mathbf{1})\mathbf{1}^{\top}\bigr),\quad S = "
          r"\operatorname{softmax}(Z)",
    variables={"Z": Matrix("N", "M"), "V": Matrix("M", "p"),
               "G": Matrix("N", "p", description="the upstream gradient ∂L/∂A")},
    wrt="Z",
    layout="denominator",
    f=lambda Z, V, G: np.sum(G * (_softmax(Z) @ V)),
    claimed=lambda Z, V, G: _softmax(Z) * (G @ V.T - np.sum(_softmax(Z) * (G @ V.T), axis=1, keepdims=True)),
    symbols={"S": "the softmax of each row of Z", **ONES},
    sketch="∂L/∂S = GVᵀ; each row goes back through the symmetric softmax Jacobian diag(s) − ssᵀ.",
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["score gradient", "attention logits gradient", "softmax backward", "flash attention backward dS"],
    notes="The form used by fused attention kernels: dZ = S ∘ (dS − rowsum(S ∘ dS)) with dS = GVᵀ.",
)

Derivative(
    id="085F",
    title="Attention backward pass: gradient by the queries",
    latex=_ATT_DEF + r":\quad \frac{\partial}{\partial Q}\operatorname{tr}(G^{\top}A) = \frac{1}{\sqrt{d}}\,"
          r"\Bigl(S\circ\bigl(GV^{\top} - ((S\circ GV^{\top})\mathbf{1})\mathbf{1}^{\top}\bigr)\Bigr)K",
    variables={"Q": Matrix("N", "d"), "K": Matrix("M", "d"), "V": Matrix("M", "p"),
               "G": Matrix("N", "p", description="the upstream gradient ∂L/∂A")},
    wrt="Q",
    layout="denominator",
    f=lambda Q, K, V, G: np.sum(G * (_attention_scores(Q, K) @ V)),
    claimed=lambda Q, K, V, G: (_attention_scores(Q, K) * (G @ V.T - np.sum(
        _attention_scores(Q, K) * (G @ V.T), axis=1, keepdims=True))) @ K / np.sqrt(Q.shape[1]),
    symbols=_ATT_SYMBOLS,
    sketch="The score gradient ∂L/∂Z, then Z = QKᵀ/√d gives ∂L/∂Q = (∂L/∂Z)K/√d (and ∂L/∂K = "
               "(∂L/∂Z)ᵀQ/√d).",
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention backward dQ", "query gradient", "gradient of attention by Q"],
)

Differential(
    id="HXNP",
    title="Differential of causal (masked) attention",
    latex=r"A = \operatorname{softmax}\bigl(QK^{\top}/\sqrt{d} + M\bigr)V,\ M_{ij} = -\infty \text{ for } j > i:"
          r"\quad \mathrm{d}A = \Bigl(" + _ROW_SOFTMAX_DIFF + r"\Bigr)V + S\,\mathrm{d}V,\quad \mathrm{d}Z = "
          r"\bigl(\mathrm{d}Q\,K^{\top} + Q\,\mathrm{d}K^{\top}\bigr)/\sqrt{d}",
    variables={"Q": Matrix("N", "d"), "K": Matrix("N", "d"), "V": Matrix("N", "p")},
    wrt=("Q", "K", "V"),
    f=lambda Q, K, V: _causal_scores(Q, K) @ V,
    df=lambda Q, K, V, dQ, dK, dV: (
        _dsoftmax_rows(_causal_scores(Q, K), (dQ @ K.T + Q @ dK.T) / np.sqrt(Q.shape[1])) @ V
        + _causal_scores(Q, K) @ dV),
    symbols={"A": "the attention output", "S": "the masked attention weights (lower triangular)",
             "M": "the causal mask", "Z": "the unmasked scores", "i": "the query position",
             "j": "the key position", **ONES},
    sketch="The mask is constant, so dZ is unchanged; S is zero above the diagonal, and S ∘ dZ discards "
               "the masked scores.",
    references=[ref("vaswani-2017", "§3.2.3 Applications of Attention in our Model")],
    aliases=["masked attention derivative", "causal self-attention gradient", "decoder attention differential"],
    notes="The same formula as unmasked attention, with S the masked weights: no separate mask term appears.",
)

# --------------------------------------------------------------------------------------------
# Activation functions, element-wise: Jacobians are diagonal

_ELEMENTWISE = {"g": "the activation, applied element-wise", "t": "a scalar argument"}

Derivative(
    id="05QG",
    title="Jacobian of GELU (exact, with the normal distribution function)",
    latex=r"g(t) = t\,\Phi(t):\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\bigl(\Phi(x) + "
          r"x\circ\phi(x)\bigr)",
    variables={"x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda x: x * _Phi(x),
    claimed=lambda x: np.diag(_Phi(x) + x * _phi(x)),
    symbols={**_ELEMENTWISE, r"\Phi": "the standard normal distribution function, element-wise",
             r"\phi": "the standard normal density, element-wise"},
    sketch="Product rule: (tΦ(t))′ = Φ(t) + tφ(t).",
    aliases=["GELU derivative", "Gaussian error linear unit gradient", "gelu backward", "erf GELU derivative"],
    notes="Φ(t) = (1 + erf(t/√2))/2. This is PyTorch's gelu with approximate='none'.",
)

Derivative(
    id="X5HF",
    title="Jacobian of GELU (tanh approximation)",
    latex=r"g(t) = \tfrac{1}{2}t\bigl(1 + \tanh u\bigr),\ u = \sqrt{2/\pi}\,(t + 0.044715\,t^3):\quad "
          r"g'(t) = \tfrac{1}{2}(1 + \tanh u) + \tfrac{1}{2}t\,(1 - \tanh^2 u)\sqrt{2/\pi}\,(1 + 0.134145\,t^2),"
          r"\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\bigl(g'(x)\bigr)",
    variables={"x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda x: 0.5 * x * (1.0 + _tanh_u(x)),
    claimed=lambda x: np.diag(0.5 * (1.0 + _tanh_u(x)) + 0.5 * x * (1.0 - _tanh_u(x) ** 2)
                              * math.sqrt(2.0 / math.pi) * (1.0 + 3 * 0.044715 * x * x)),
    symbols={**_ELEMENTWISE, "u": "the tanh argument", r"\pi": "the circle constant"},
    sketch="Product and chain rules, with tanh′ = 1 − tanh² and du/dt = √(2/π)(1 + 3·0.044715 t²).",
    aliases=["approximate GELU derivative", "gelu tanh backward", "GPT-2 gelu gradient"],
    notes="PyTorch's gelu with approximate='tanh'. 0.134145 = 3 × 0.044715.",
)

Derivative(
    id="XW1G",
    title="Jacobian of SiLU (swish)",
    latex=r"g(t) = t\,\sigma(t):\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\Bigl(\sigma(x)\circ"
          r"\bigl(\mathbf{1} + x\circ(\mathbf{1} - \sigma(x))\bigr)\Bigr)",
    variables={"x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda x: x * sigmoid(x),
    claimed=lambda x: np.diag(sigmoid(x) * (1.0 + x * (1.0 - sigmoid(x)))),
    symbols={**_ELEMENTWISE, r"\sigma": "the logistic sigmoid, element-wise", **ONES},
    sketch="Product rule with σ′ = σ(1 − σ): (tσ(t))′ = σ(t) + tσ(t)(1 − σ(t)).",
    aliases=["SiLU derivative", "swish gradient", "sigmoid linear unit derivative"],
)

Derivative(
    id="JR55",
    title="Jacobian of swish with a slope parameter β",
    latex=r"g(t) = t\,\sigma(\beta t):\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\Bigl(\sigma(\beta x)"
          r" + \beta x\circ\sigma(\beta x)\circ\bigl(\mathbf{1} - \sigma(\beta x)\bigr)\Bigr)",
    variables={"x": Vector("n"), "beta": Scalar("positive")},
    wrt="x",
    layout="numerator",
    f=lambda x, beta: x * sigmoid(beta * x),
    claimed=lambda x, beta: np.diag(sigmoid(beta * x) + beta * x * sigmoid(beta * x) * (1.0 - sigmoid(beta * x))),
    symbols={**_ELEMENTWISE, r"\sigma": "the logistic sigmoid, element-wise", **ONES},
    sketch="Product and chain rules: (tσ(βt))′ = σ(βt) + βtσ(βt)(1 − σ(βt)).",
    aliases=["swish beta derivative", "parametric swish gradient"],
    notes="β = 1 is SiLU; as β grows, swish tends to ReLU.",
)

Derivative(
    id="CGGF",
    title="Jacobian of leaky ReLU",
    latex=r"g(t) = \max(\alpha t,\, t):\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\bigl([x > 0] + "
          r"\alpha\,[x < 0]\bigr)",
    variables={"x": Vector("n", "nonzero_entries"), "alpha": Scalar("unit_interval")},
    wrt="x",
    layout="numerator",
    f=lambda x, alpha: np.maximum(alpha * x, x),
    claimed=lambda x, alpha: np.diag(np.where(x > 0, 1.0, alpha)),
    symbols=_ELEMENTWISE,
    references=[ref("goodfellow-2016", "§6.3.1 Rectified Linear Units and Their Generalizations")],
    aliases=["leaky ReLU derivative", "parametric ReLU gradient", "PReLU Jacobian"],
    notes=IVERSON + " Needs 0 < α < 1 for max(αt, t) to be the leaky ReLU; no derivative at t = 0.",
)

Derivative(
    id="BLBH",
    title="Jacobian of ELU",
    latex=r"g(t) = \begin{cases} t & t > 0 \\ \alpha(\exp t - 1) & t \le 0 \end{cases}:\quad "
          r"\frac{\partial g(x)}{\partial x} = \operatorname{diag}\bigl([x > 0] + \alpha\exp(x)\circ[x < 0]\bigr)",
    variables={"x": Vector("n", "nonzero_entries"), "alpha": Scalar("positive")},
    wrt="x",
    layout="numerator",
    f=lambda x, alpha: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0))),
    claimed=lambda x, alpha: np.diag(np.where(x > 0, 1.0, alpha * np.exp(x))),
    symbols=_ELEMENTWISE,
    sketch="Differentiate each branch; for t < 0 the derivative α exp(t) equals g(t) + α.",
    aliases=["ELU derivative", "exponential linear unit gradient"],
    notes=IVERSON + " With α = 1 the derivative is continuous at 0; otherwise 0 is a kink.",
)

Derivative(
    id="HK3A",
    title="Jacobian of softplus with sharpness β",
    latex=r"g(t) = \tfrac{1}{\beta}\log\bigl(1 + \exp(\beta t)\bigr):\quad \frac{\partial g(x)}{\partial x} = "
          r"\operatorname{diag}\bigl(\sigma(\beta x)\bigr)",
    variables={"x": Vector("n"), "beta": Scalar("positive")},
    wrt="x",
    layout="numerator",
    f=lambda x, beta: np.logaddexp(0.0, beta * x) / beta,
    claimed=lambda x, beta: np.diag(1.0 / (1.0 + np.exp(-beta * x))),
    symbols={**_ELEMENTWISE, r"\sigma": "the logistic sigmoid, element-wise"},
    references=[ref("goodfellow-2016", "§3.10 Useful Properties of Common Functions",
                    note="gives d softplus(t)/dt = σ(t), the case β = 1")],
    aliases=["softplus derivative", "softplus beta gradient", "smooth ReLU derivative"],
    notes="PyTorch's Softplus(beta). As β grows, softplus tends to ReLU and its derivative to the step [x > 0].",
)

# --------------------------------------------------------------------------------------------
# Regularisers, logistic regression, embeddings

Derivative(
    id="7P4J",
    title="Gradient of L2 weight decay",
    latex=r"\frac{\partial}{\partial W}\,\frac{\lambda}{2}\lVert W\rVert_{\mathrm{F}}^2 = \lambda W",
    variables={"W": Matrix("m", "n"), "lambda_": Scalar()},
    wrt="W",
    layout="denominator",
    f=lambda W, lambda_: 0.5 * lambda_ * np.sum(W * W),
    claimed=lambda W, lambda_: lambda_ * W,
    other_layout=(r"\frac{\partial}{\partial W}\,\frac{\lambda}{2}\lVert W\rVert_{\mathrm{F}}^2 = \lambda W^{\top}",
                  lambda W, lambda_: lambda_ * W.T),
    symbolic=lambda W, lambda_: lambda_ / 2 * sp.Trace(W.T * W),
    references=[ref("goodfellow-2016", "§7.1.1 L2 Parameter Regularization"), cookbook(132)],
    aliases=["weight decay gradient", "L2 regularisation gradient", "ridge penalty derivative",
             "Frobenius norm squared penalty"],
    notes="A gradient step therefore shrinks W by the factor 1 − ηλ before the loss gradient is applied.",
)

Derivative(
    id="Z443",
    title="Gradient of the Frobenius-norm regulariser ‖W‖_F",
    latex=r"\frac{\partial}{\partial W}\,\lambda\lVert W\rVert_{\mathrm{F}} = "
          r"\frac{\lambda}{\lVert W\rVert_{\mathrm{F}}}W",
    variables={"W": Matrix("m", "n", "nonzero"), "lambda_": Scalar()},
    wrt="W",
    layout="denominator",
    f=lambda W, lambda_: lambda_ * np.sqrt(np.sum(W * W)),
    claimed=lambda W, lambda_: lambda_ * W / np.linalg.norm(W),
    sketch="‖W‖_F = (tr WᵀW)^{1/2}, and ∂ tr(WᵀW)/∂W = 2W; the chain rule gives W/‖W‖_F.",
    references=[cookbook(132, note="the squared norm; this entry is its square root by the chain rule")],
    aliases=["Frobenius norm gradient", "unsquared norm penalty derivative", "group lasso gradient"],
    notes="Not differentiable at W = 0, where the penalty has a kink (its subdifferential is the unit ball).",
)

_LOGISTIC = r"\ell(w) = y^{\top}\log\sigma(Xw) + (\mathbf{1} - y)^{\top}\log\bigl(\mathbf{1} - \sigma(Xw)\bigr)"
_LOGISTIC_SYMBOLS = {r"\ell": "the log-likelihood", r"\sigma": "the logistic sigmoid, element-wise", **ONES}


def _gram(B):  # BᵀB, symmetrised exactly so that a transposed answer cannot pass unnoticed
    H = B.T @ B
    return (H + H.T) / 2


def _logistic_loglik(w, X, y):
    z = X @ w
    return -(y @ np.logaddexp(0.0, -z) + (1.0 - y) @ np.logaddexp(0.0, z))


Derivative(
    id="CQPS",
    title="Gradient of the logistic regression log-likelihood",
    latex=_LOGISTIC + r":\quad \frac{\partial \ell}{\partial w} = X^{\top}\bigl(y - \sigma(Xw)\bigr)",
    variables={"w": Vector("n"), "X": Matrix("N", "n"), "y": Vector("N", "unit_interval")},
    wrt="w",
    layout="denominator",
    f=_logistic_loglik,
    claimed=lambda w, X, y: X.T @ (y - sigmoid(X @ w)),
    symbols=_LOGISTIC_SYMBOLS,
    sketch="Per sample, d/dz[y log σ(z) + (1 − y) log(1 − σ(z))] = y − σ(z); the chain rule through z = Xw "
               "gives Xᵀ(y − σ(Xw)).",
    references=[ref("goodfellow-2016", "§5.7.1 Probabilistic Supervised Learning")],
    aliases=["logistic regression gradient", "log-likelihood gradient", "sigmoid log likelihood",
             "score function logistic"],
    notes="y holds labels in {0, 1} (or soft targets in [0, 1]); rows of X are samples. The per-sample case "
          "is (y − σ(wᵀx))x.",
)

Hessian(
    id="DK21",
    title="Hessian of the logistic regression negative log-likelihood",
    latex=r"\frac{\partial^2 (-\ell)}{\partial w\,\partial w^{\top}} = X^{\top}\operatorname{diag}\bigl(\sigma(Xw)\circ"
          r"(\mathbf{1} - \sigma(Xw))\bigr)X,\quad " + _LOGISTIC,
    variables={"w": Vector("n"), "X": Matrix("N", "n"), "y": Vector("N", "unit_interval")},
    wrt="w",
    f=lambda w, X, y: -_logistic_loglik(w, X, y),
    claimed=lambda w, X, y: _gram(X * np.sqrt(sigmoid(X @ w) * (1.0 - sigmoid(X @ w)))[:, None]),
    symbols=_LOGISTIC_SYMBOLS,
    sketch="Differentiate −Xᵀ(y − σ(Xw)) once more with σ′ = σ(1 − σ).",
    references=[ref("goodfellow-2016", "§5.7.1 Probabilistic Supervised Learning")],
    aliases=["logistic regression Hessian", "Newton's method logistic", "IRLS weight matrix",
             "Fisher information logistic"],
    notes="Independent of y and positive semidefinite, so the negative log-likelihood is convex.",
)

Derivative(
    id="FSAV",
    title="Gradient of the cosine similarity",
    latex=r"\frac{\partial}{\partial x}\frac{x^{\top}y}{\lVert x\rVert_2\lVert y\rVert_2} = \frac{1}{\lVert x\rVert_2"
          r"\lVert y\rVert_2}\Bigl(y - \frac{x^{\top}y}{\lVert x\rVert_2^2}\,x\Bigr)",
    variables={"x": Vector("n", "nonzero"), "y": Vector("n", "nonzero")},
    wrt="x",
    layout="denominator",
    f=lambda x, y: x @ y / (np.linalg.norm(x) * np.linalg.norm(y)),
    claimed=lambda x, y: (y - (x @ y) / (x @ x) * x) / (np.sqrt(x @ x) * np.sqrt(y @ y)),
    sketch="Quotient rule with ∂‖x‖₂/∂x = x/‖x‖₂ (Cookbook (129) with a = 0).",
    references=[cookbook(129, note="the norm gradient used in the quotient rule")],
    aliases=["cosine similarity derivative", "gradient of normalised dot product", "cosine embedding loss gradient"],
    notes="The gradient is orthogonal to x: scaling x does not change the cosine.",
)

Derivative(
    id="YQC8",
    title="Gradient of the distance between linear embeddings by the embedding matrix",
    latex=r"\frac{\partial}{\partial W}\lVert Wx - Wy\rVert_2 = \frac{W(x - y)(x - y)^{\top}}{\lVert W(x - y)\rVert_2}",
    variables={"W": Matrix("k", "n"), "x": Vector("n"), "y": Vector("n")},
    wrt="W",
    layout="denominator",
    f=lambda W, x, y: np.linalg.norm(W @ x - W @ y),
    claimed=lambda W, x, y: np.outer(W @ (x - y), x - y) / np.linalg.norm(W @ (x - y)),
    other_layout=(r"\frac{\partial}{\partial W}\lVert Wx - Wy\rVert_2 = \frac{(x - y)(x - y)^{\top}W^{\top}}"
                  r"{\lVert W(x - y)\rVert_2}",
                  lambda W, x, y: np.outer(x - y, x - y) @ W.T / np.linalg.norm(W @ (x - y))),
    sketch="With u = W(x − y): d‖u‖₂ = uᵀdu/‖u‖₂ = uᵀ dW (x − y)/‖u‖₂ = tr((x − y)uᵀdW)/‖u‖₂.",
    references=[cookbook(129, note="∂‖u − v‖₂/∂u = (u − v)/‖u − v‖₂, the distance between embeddings u, v")],
    aliases=["Euclidean distance between embeddings gradient", "metric learning gradient", "siamese network distance",
             "embedding distance derivative"],
    notes="The gradient of the distance by the embeddings themselves is Cookbook (129): (u − v)/‖u − v‖₂ for "
          "u = Wx, v = Wy.",
)

Differential(
    id="8YKX",
    title="Differential of the triplet loss (active case)",
    latex=r"\mathrm{d}\max\bigl(0,\, \lVert a - p\rVert_2^2 - \lVert a - n\rVert_2^2 + \alpha\bigr) = "
          r"2(n - p)^{\top}\mathrm{d}a + 2(p - a)^{\top}\mathrm{d}p + 2(a - n)^{\top}\mathrm{d}n",
    variables={"a": Vector("k", description="the anchor embedding"),
               "p": Vector("k", description="the positive embedding"),
               "n": Vector("k", description="the negative embedding"), "alpha": Scalar(description="the margin")},
    wrt=("a", "p", "n"),
    f=lambda a, p, n, alpha: np.maximum(0.0, np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + alpha),
    df=lambda a, p, n, alpha, da, dp, dn: 2 * (n - p) @ da + 2 * (p - a) @ dp + 2 * (a - n) @ dn,
    prepare=_triplet_active,
    conditions="The margin α is set so that the loss is active: ‖a − p‖² − ‖a − n‖² + α lies between 0.3 and 2.",
    sketch="d‖a − p‖² = 2(a − p)ᵀ(da − dp) and d‖a − n‖² = 2(a − n)ᵀ(da − dn); subtract.",
    aliases=["triplet loss gradient", "FaceNet loss derivative", "metric learning triplet", "margin ranking loss"],
    notes="When the bracket is negative (the triplet is already separated by the margin) the loss and its "
          "differential are zero.",
)
