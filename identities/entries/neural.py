"""Neural networks.

The derivatives deep-learning code needs: neurons and their losses (Parr & Howard's numerator
layout, gradients by a vector as row vectors), softmax and cross-entropy, dense layers and
backpropagation, layer, RMS and batch normalisation, attention, activation functions and common
losses and regularisers. Kinks (ReLU, hinge) are kept away from the sample points, and each such
entry says so in its conditions. Many entries take one sample at a time, as a column vector; each
entry that departs from the catalogue's PyTorch convention (batch first, linear's weight out × in,
losses mean-reduced) says how, and how to translate.
"""
import math

import numpy as np

from identities import (Change, Derivative, Differential, Formula, Hessian, Matrix, Scalar, Step, Vector, cookbook,
                        parr_howard, ref)
from identities.entries import normal_cdf, normal_pdf, sigmoid, softmax
from identities.symbolic import sp


# The log-sum-exp of a vector; softmax, the sigmoid and the normal distribution are shared with other topics.
def _logsumexp(z):
    m = z.max()
    return m + np.log(np.sum(np.exp(z - m)))


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


def _bn_xhat(X, epsilon):
    return _batch_norm(X, epsilon)[0]


def _bn_dxhat(X, epsilon, dX):  # each column through the layer-norm Jacobian with N entries
    Xh, sigma = _batch_norm(X, epsilon)
    return (dX - dX.mean(axis=0) - Xh * np.mean(Xh * dX, axis=0)) / sigma


def _attention_scores(Q, K):
    return softmax(Q @ K.T / np.sqrt(Q.shape[1]))


def _causal_scores(Q, K):
    Z = Q @ K.T / np.sqrt(Q.shape[1])
    Z = np.where(np.tril(np.ones(Z.shape, dtype=bool)), Z, -np.inf)
    return softmax(Z)


# Functions whose differentials the derivations take with D(...): defined once, so that each is one
# function object for the verifier's cache. Each takes the variables it depends on by name.
def _const_x(x):
    return x


def _const_b(b):
    return b


def _const_V(V):
    return V


def _affine(w, x, b):  # a neuron's pre-activation w·x + b
    return w @ x + b


def _pre(w, b, X):  # the pre-activations of a batch, one per row of X
    return X @ w + b


def _relu_pre(w, b, X):
    return np.maximum(0.0, X @ w + b)


def _exp_z(z):
    return np.exp(z)


def _lse_z(z):
    return _logsumexp(z)


def _log_softmax_z(z):
    return z - _logsumexp(z)


def _softmax_z(z):
    return softmax(z)


def _lse_gradient(z):  # 1UJ9's gradient, exp(z)/Σ exp(z), computed without the max shift
    return np.exp(z) / np.sum(np.exp(z))


def _z_over_tau(z, tau):
    return z / tau


def _log_sigmoid(z):
    return -np.logaddexp(0.0, -z)


def _log_one_minus_sigmoid(z):
    return -np.logaddexp(0.0, z)


def _sq_err(y_hat, y):
    return (y_hat - y) @ (y_hat - y)


def _layer_pre(W, x, b):
    return W @ x + b


def _hinge_margins_of(w, X, y):  # the margins yᵢ w·xᵢ
    return y * (X @ w)


def _softplus_beta(x, beta):
    return np.logaddexp(0.0, beta * x) / beta


def _dense_out(X, W, b):
    return X @ W + b


ONES = {r"\mathbf{1}": "the vector of ones"}
IVERSON = "[P] is the Iverson bracket: 1 when P holds, 0 otherwise."

# How an entry differs from the project's deep-learning convention (PyTorch's: batch first, samples as
# rows; linear's weight out × in; losses mean-reduced), and how to translate. Prose only: no equations.
_NEURON_SAMPLE = ("One sample, as a column vector x of n features, with w the single row of "
                  "torch.nn.Linear(n, 1)'s 1 × n weight written as a column; PyTorch's batch-first code stacks "
                  "N samples as the rows of an N × n matrix, so ")
_ONE_ROW = ("One sample, as a column vector; PyTorch applies this along the last dimension of an N × n batch, "
            "each row separately, so ")


def _neuron_vars():
    return {"w": Vector("n", description="the weights, one per feature (torch's 1 × n weight as a column)"),
            "x": Vector("n", description="one sample's features"),
            "b": Scalar(description="the bias")}


# --------------------------------------------------------------------------------------------
# A single neuron (Parr & Howard §5)

Derivative(
    id="VN75",
    title="Gradient of an affine neuron w·x + b by its weights",
    latex=r"\frac{\partial}{\partial w}\bigl(w^{\top}x + b\bigr) = x^{\top}",
    variables=_neuron_vars(),
    wrt="w",
    layout="numerator",
    f=lambda w, x, b: w @ x + b,
    claimed=lambda w, x, b: x[None, :],
    other_layout=(r"\frac{\partial}{\partial w}\bigl(w^{\top}x + b\bigr) = x", lambda w, x, b: x.copy()),
    symbolic=lambda w, x, b: (w.T * x)[0, 0] + b,
    differential=(r"\mathrm{d}\bigl(w^{\top}x + b\bigr) = x^{\top}\mathrm{d}w + w^{\top}\mathrm{d}x + \mathrm{d}b",
                  lambda w, x, b, dw, dx, db: x @ dw + w @ dx + db),
    derivation=[
        Step(r"\mathrm{d}\bigl(w^{\top}x + b\bigr) = (\mathrm{d}w)^{\top}x + w^{\top}\mathrm{d}x + \mathrm{d}b",
             lambda D: D(), lambda w, x, dw, D: dw @ x + w @ D(_const_x) + D(_const_b),
             uses=["9K5K", "8CQG", "TBSX"]),
        Step(r"= x^{\top}\mathrm{d}w \quad (\mathrm{d}x = 0,\ \mathrm{d}b = 0) \;\Rightarrow\; "
             r"\frac{\partial}{\partial w}\bigl(w^{\top}x + b\bigr) = x^{\top}",
             lambda w, x, dw, D: dw @ x + w @ D(_const_x) + D(_const_b), lambda x, dw: x @ dw, uses=["6Q8H"]),
    ],
    references=[parr_howard("5 The gradient of neuron activation")],
    aliases=["neuron gradient", "derivative of dot product plus bias", "affine unit gradient",
             "gradient of w dot x"],
    notes="Parr & Howard write w·x for wᵀx and give the gradient by a vector as a row vector (numerator "
          "layout). The derivative by the bias is 1. The differential form is the total differential in w, x "
          "and b; the derivation holds x and b constant. " + _NEURON_SAMPLE + "this gradient is one row of "
          "the batch's N × n Jacobian.",
    history=[Change("2026-12-02", "0.2.0", "the gradient is returned as the row xᵀ (a 1 × n matrix), and the "
                    "differential form gained the term wᵀdx",
                    "a numerator-layout gradient by a vector is a row; the displayed differential was the total "
                    "differential with a term missing")],
)

Derivative(
    id="K5VC",
    title="Gradient of a ReLU neuron max(0, w·x + b) by its weights",
    latex=r"\frac{\partial}{\partial w}\max\bigl(0,\, w^{\top}x + b\bigr) = \begin{cases} x^{\top} & w^{\top}x + b > 0 "
          r"\\ 0^{\top} & w^{\top}x + b < 0 \end{cases}",
    variables=_neuron_vars(),
    wrt="w",
    layout="numerator",
    f=lambda w, x, b: np.maximum(0.0, w @ x + b),
    claimed=lambda w, x, b: (x if w @ x + b > 0 else np.zeros_like(x))[None, :],
    prepare=_neuron_off_kink,
    conditions="b is set so that w·x + b lies 0.3 to 2 away from the kink at 0: positive (the active case, "
               "gradient xᵀ) for even instance seeds, negative (the inactive case, gradient 0ᵀ) for odd ones.",
    references=[parr_howard("5 The gradient of neuron activation")],
    aliases=["ReLU neuron gradient", "rectified linear unit derivative by weights", "activation gradient",
             "dead ReLU gradient"],
    notes="Where w·x + b vanishes the neuron has no derivative; Parr & Howard, like most frameworks, use 0 "
          "there (a subgradient). " + _NEURON_SAMPLE + "this gradient is one row of the batch's N × n Jacobian.",
    history=[Change("2026-12-02", "0.2.0", "the gradient is returned as a row (a 1 × n matrix)",
                    "a numerator-layout gradient by a vector is a row")],
)

Derivative(
    id="SAB4",
    title="Derivative of a ReLU neuron max(0, w·x + b) by its bias",
    latex=r"\frac{\partial}{\partial b}\max\bigl(0,\, w^{\top}x + b\bigr) = \begin{cases} 1 & w^{\top}x + b > 0 "
          r"\\ 0 & w^{\top}x + b < 0 \end{cases}",
    variables=_neuron_vars(),
    wrt="b",
    layout="numerator",
    f=lambda w, x, b: np.maximum(0.0, w @ x + b),
    claimed=lambda w, x, b: np.asarray(1.0 if w @ x + b > 0 else 0.0),
    prepare=_neuron_off_kink,
    conditions="b is set so that w·x + b lies 0.3 to 2 away from the kink at 0: positive (the active case, "
               "derivative 1) for even instance seeds, negative (the inactive case, 0) for odd ones.",
    references=[parr_howard("5 The gradient of neuron activation")],
    aliases=["ReLU neuron bias derivative", "derivative of ReLU by bias", "step function derivative of max"],
    notes=_NEURON_SAMPLE + "this derivative is one of the batch's N derivatives by the shared bias.",
)

Derivative(
    id="CVL2",
    title="Gradient of a sigmoid neuron σ(w·x + b) by its weights",
    latex=r"\frac{\partial}{\partial w}\sigma\bigl(w^{\top}x + b\bigr) = \sigma(z)\bigl(1 - \sigma(z)\bigr)\,x^{\top},"
          r"\quad z = w^{\top}x + b",
    variables=_neuron_vars(),
    wrt="w",
    layout="numerator",
    f=lambda w, x, b: sigmoid(w @ x + b),
    claimed=lambda w, x, b: (sigmoid(w @ x + b) * (1.0 - sigmoid(w @ x + b)) * x)[None, :],
    derivation=[
        Step(r"\mathrm{d}\sigma(z) = \sigma(z)\bigl(1 - \sigma(z)\bigr)\,\mathrm{d}z",
             lambda D: D(), lambda w, x, b, D: sigmoid(w @ x + b) * (1.0 - sigmoid(w @ x + b)) * D(_affine),
             uses=["7Z06"]),
        Step(r"= \sigma(z)\bigl(1 - \sigma(z)\bigr)\,x^{\top}\mathrm{d}w \;\Rightarrow\; "
             r"\frac{\partial}{\partial w}\sigma(z) = \sigma(z)\bigl(1 - \sigma(z)\bigr)\,x^{\top}",
             lambda w, x, b, D: sigmoid(w @ x + b) * (1.0 - sigmoid(w @ x + b)) * D(_affine),
             lambda w, x, b, dw: sigmoid(w @ x + b) * (1.0 - sigmoid(w @ x + b)) * (x @ dw), uses=["VN75"]),
    ],
    symbols={r"\sigma": "the logistic sigmoid 1/(1 + exp(−t))", "z": "the pre-activation w·x + b"},
    references=[parr_howard("4.5.3 Vector chain rule"),
                ref("goodfellow-2016", "§3.10 Useful Properties of Common Functions")],
    aliases=["sigmoid neuron gradient", "logistic unit derivative", "derivative of sigmoid of affine function"],
    notes="The chain rule with the sigmoid's derivative σ(z)(1 − σ(z)) (see the derivation); the same steps as "
          "Parr & Howard's ReLU neuron. " + _NEURON_SAMPLE + "this gradient is one row of the batch's N × n "
          "Jacobian.",
    history=[Change("2026-12-02", "0.2.0", "the gradient is returned as a row (a 1 × n matrix)",
                    "a numerator-layout gradient by a vector is a row")],
)

Derivative(
    id="YLAV",
    title="Jacobian of a ReLU layer max(0, Wx + b) by its input",
    latex=r"\frac{\partial}{\partial x}\max\bigl(0,\, Wx + b\bigr) = \operatorname{diag}\bigl([Wx + b > 0]\bigr)\,W",
    variables={"W": Matrix("m", "n", description="the weight, out × in as in torch.nn.Linear"),
               "x": Vector("n", description="one sample's features"),
               "b": Vector("m", description="the bias, one per unit")},
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
    derivation=[
        Step(r"\mathrm{d}\max\bigl(0,\, Wx + b\bigr) = [Wx + b > 0]\circ\mathrm{d}(Wx + b)",
             lambda D: D(), lambda W, x, b, D: (W @ x + b > 0) * D(_layer_pre), uses=["R8DW"]),
        Step(r"= [Wx + b > 0]\circ(W\,\mathrm{d}x) \quad (\mathrm{d}W = 0,\ \mathrm{d}b = 0)",
             lambda W, x, b, D: (W @ x + b > 0) * D(_layer_pre), lambda W, x, b, dx: (W @ x + b > 0) * (W @ dx),
             uses=["W8BD", "6Q8H"]),
        Step(r"= \operatorname{diag}\bigl([Wx + b > 0]\bigr)\,W\,\mathrm{d}x",
             lambda W, x, b, dx: (W @ x + b > 0) * (W @ dx),
             lambda W, x, b, dx: np.diag((W @ x + b > 0).astype(float)) @ W @ dx),
    ],
    references=[parr_howard("4.5.3 Vector chain rule"),
                ref("goodfellow-2016", "§6.3.1 Rectified Linear Units and Their Generalizations")],
    aliases=["ReLU layer Jacobian", "Jacobian of rectified linear layer", "backprop through ReLU",
             "ReLU mask times weights"],
    notes=IVERSON + " Backpropagation multiplies the upstream gradient by this mask, then by W. One sample, as a "
          "column vector x; W is out × in like torch.nn.Linear's weight, and PyTorch's batch-first layer maps each "
          "row of an N × n batch through it, so each row of the batch has this Jacobian.",
)

# --------------------------------------------------------------------------------------------
# The loss of a neuron (Parr & Howard §6)

def _batch_vars():
    return {"w": Vector("n", description="the weights, one per feature (torch's 1 × n weight as a column)"),
            "b": Scalar(description="the bias"), "X": Matrix("N", "n", description="a batch of N samples, one per row"),
            "y": Vector("N", description="the N targets")}


# A16P, 7N56, R0QG and VQW9 follow the convention: batch first, the loss mean-reduced.
_BATCH_MEAN_B = "Batch first and mean-reduced, as PyTorch's mse_loss: the rows of X are the samples."
_BATCH_MEAN = (_BATCH_MEAN_B + " w is torch.nn.Linear(n, 1)'s 1 × n weight written as a column, and this gradient, "
               "a row, has that weight's shape.")

_NEURON_LOSS = (r"\frac{1}{N}\sum_{i=1}^{N}\bigl(y_i - \max(0,\, w^{\top}x_i + b)\bigr)^2")
_ROWS = r",\quad x_i^{\top} = X_{i,:}"
_LOSS_SYMBOLS = {"x": "x_i is the i-th input, row i of X", "i": "the sample index"}
_LOSS_STEP_SYMBOLS = {**_LOSS_SYMBOLS, "z": "z_i is the pre-activation w·x_i + b of sample i"}
_LOSS_D1 = (r"\mathrm{d}\,\frac{1}{N}\sum_{i=1}^{N}\bigl(y_i - \max(0,\, z_i)\bigr)^2 = \frac{2}{N}\sum_{i=1}^{N}"
            r"\bigl(\max(0,\, z_i) - y_i\bigr)\,\mathrm{d}\max(0,\, z_i)")


def _loss_step1():  # the power and sum rules: d(1/N)Σ(yᵢ − aᵢ)² = (2/N)Σ(aᵢ − yᵢ)daᵢ
    return Step(_LOSS_D1, lambda D: D(),
                lambda w, b, X, y, D: 2.0 / len(y) * (np.maximum(0.0, X @ w + b) - y) @ D(_relu_pre),
                uses=["48ZE", "MRLS"])


def _loss_step2(active_only):  # the ReLU's derivative: d max(0, zᵢ) = [zᵢ > 0] dzᵢ
    if active_only:
        latex = (r"= \frac{2}{N}\sum_{i=1}^{N}(z_i - y_i)\,\mathrm{d}z_i \quad (\text{every } z_i > 0)")
    else:
        latex = r"= \frac{2}{N}\sum_{i=1}^{N}[z_i > 0]\,(z_i - y_i)\,\mathrm{d}z_i"
    return Step(latex, lambda w, b, X, y, D: 2.0 / len(y) * (np.maximum(0.0, X @ w + b) - y) @ D(_relu_pre),
                lambda w, b, X, y, D: 2.0 / len(y) * ((X @ w + b > 0) * (X @ w + b - y)) @ D(_pre),
                uses=["R8DW"])

Derivative(
    id="A16P",
    title="Gradient of the mean squared error of a ReLU neuron by its weights",
    latex=r"\frac{\partial}{\partial w}" + _NEURON_LOSS
          + r" = \frac{2}{N}\sum_{i=1}^{N}[w^{\top}x_i + b > 0]\,(w^{\top}x_i + b - y_i)\,x_i^{\top}" + _ROWS,
    variables=_batch_vars(),
    wrt="w",
    layout="numerator",
    f=lambda w, b, X, y: np.mean((y - np.maximum(0.0, X @ w + b)) ** 2),
    claimed=lambda w, b, X, y: (2.0 / len(y) * X.T @ ((X @ w + b > 0) * (X @ w + b - y)))[None, :],
    prepare=_samples_mixed,
    conditions="The rows of X are moved along w so that every w·xᵢ + b lies 0.3 to 2 away from 0, with the "
               "first sample active and the last inactive: inactive samples contribute nothing.",
    symbols=_LOSS_STEP_SYMBOLS,
    derivation=[
        _loss_step1(),
        _loss_step2(active_only=False),
        Step(r"= \frac{2}{N}\sum_{i=1}^{N}[z_i > 0]\,(z_i - y_i)\,x_i^{\top}\mathrm{d}w \;\Rightarrow\; "
             r"\frac{\partial}{\partial w}" + _NEURON_LOSS + r" = \frac{2}{N}\sum_{i=1}^{N}[z_i > 0]\,(z_i - y_i)\,"
             r"x_i^{\top}",
             lambda w, b, X, y, D: 2.0 / len(y) * ((X @ w + b > 0) * (X @ w + b - y)) @ D(_pre),
             lambda w, b, X, y, dw: 2.0 / len(y) * np.sum((X @ w + b > 0) * (X @ w + b - y) * (X @ dw)),
             uses=["VN75"]),
    ],
    history=[Change("2026-12-02", "0.2.0", "the gradient is returned as a row (a 1 × n matrix)",
                    "a numerator-layout gradient by a vector is a row")],
    references=[parr_howard("6.1 The gradient with respect to the weights")],
    aliases=["neuron loss gradient", "MSE gradient ReLU", "gradient of the cost by the weights",
             "backprop single neuron"],
    notes=IVERSON + " Parr & Howard derive it with the case split inside the sum, one case per sample. " + _BATCH_MEAN,
)

Derivative(
    id="7N56",
    title="Derivative of the mean squared error of a ReLU neuron by its bias",
    latex=r"\frac{\partial}{\partial b}" + _NEURON_LOSS
          + r" = \frac{2}{N}\sum_{i=1}^{N}[w^{\top}x_i + b > 0]\,(w^{\top}x_i + b - y_i)" + _ROWS,
    variables=_batch_vars(),
    wrt="b",
    layout="numerator",
    f=lambda w, b, X, y: np.mean((y - np.maximum(0.0, X @ w + b)) ** 2),
    claimed=lambda w, b, X, y: 2.0 / len(y) * np.sum((X @ w + b > 0) * (X @ w + b - y)),
    prepare=_samples_mixed,
    conditions="The rows of X are moved along w so that every w·xᵢ + b lies 0.3 to 2 away from 0, with the "
               "first sample active and the last inactive.",
    symbols=_LOSS_STEP_SYMBOLS,
    derivation=[
        _loss_step1(),
        _loss_step2(active_only=False),
        Step(r"= \frac{2}{N}\sum_{i=1}^{N}[z_i > 0]\,(z_i - y_i)\,\mathrm{d}b \;\Rightarrow\; "
             r"\frac{\partial}{\partial b}" + _NEURON_LOSS + r" = \frac{2}{N}\sum_{i=1}^{N}[z_i > 0]\,(z_i - y_i)",
             lambda w, b, X, y, D: 2.0 / len(y) * ((X @ w + b > 0) * (X @ w + b - y)) @ D(_pre),
             lambda w, b, X, y, db: 2.0 / len(y) * np.sum((X @ w + b > 0) * (X @ w + b - y)) * db,
             uses=["9K5K", "6Q8H"]),
    ],
    references=[parr_howard("6.2 The derivative with respect to the bias")],
    aliases=["neuron loss bias derivative", "gradient of the cost by the bias", "MSE bias gradient"],
    notes=IVERSON + " " + _BATCH_MEAN_B,
)

Derivative(
    id="R0QG",
    title="Gradient of a neuron's mean squared error by its weights, all units active",
    latex=r"\frac{\partial}{\partial w}" + _NEURON_LOSS
          + r" = \frac{2}{N}\sum_{i=1}^{N}e_i\,x_i^{\top},\quad e_i = w^{\top}x_i + b - y_i" + _ROWS,
    variables=_batch_vars(),
    wrt="w",
    layout="numerator",
    f=lambda w, b, X, y: np.mean((y - np.maximum(0.0, X @ w + b)) ** 2),
    claimed=lambda w, b, X, y: (2.0 / len(y) * (X @ w + b - y) @ X)[None, :],
    prepare=_samples_active,
    conditions="Every sample is active: the rows of X are moved along w so that w·xᵢ + b lies between 0.3 "
               "and 2.",
    symbols={**_LOSS_STEP_SYMBOLS, "e": "e_i is the error of sample i (e the vector of errors)", **ONES},
    derivation=[
        _loss_step1(),
        _loss_step2(active_only=True),
        Step(r"= \frac{2}{N}\sum_{i=1}^{N}e_i\,x_i^{\top}\mathrm{d}w \;\Rightarrow\; \frac{\partial}{\partial w}"
             + _NEURON_LOSS + r" = \frac{2}{N}\sum_{i=1}^{N}e_i\,x_i^{\top}",
             lambda w, b, X, y, D: 2.0 / len(y) * ((X @ w + b > 0) * (X @ w + b - y)) @ D(_pre),
             lambda w, b, X, y, dw: 2.0 / len(y) * np.sum((X @ w + b - y) * (X @ dw)), uses=["VN75"]),
    ],
    also=[Formula(r"\frac{2}{N}\sum_{i=1}^{N}e_i\,x_i^{\top} = \frac{2}{N}\,e^{\top}X,\quad "
                  r"e = Xw + b\mathbf{1} - y",
                  lambda w, b, X, y: 2.0 / len(y) * np.sum((X @ w + b - y)[:, None] * X, axis=0)[None, :],
                  lambda w, b, X, y: 2.0 / len(y) * (X @ w + b * np.ones(len(y)) - y)[None, :] @ X)],
    history=[Change("2026-12-02", "0.2.0", "the gradient is returned as a row (a 1 × n matrix)",
                    "a numerator-layout gradient by a vector is a row")],
    references=[parr_howard("6.1 The gradient with respect to the weights")],
    aliases=["error-weighted average of inputs", "linear regression gradient", "least squares gradient by weights",
             "gradient of the cost, nonzero activation"],
    notes="Parr & Howard's form 'for the nonzero activation cases'; it is also the gradient of the plain "
          "affine model's mean squared error. In matrix form it is (2/N) eᵀX, with e the vector of errors "
          "(shown below). " + _BATCH_MEAN,
)

Derivative(
    id="VQW9",
    title="Derivative of a neuron's mean squared error by its bias, all units active",
    latex=r"\frac{\partial}{\partial b}" + _NEURON_LOSS
          + r" = \frac{2}{N}\sum_{i=1}^{N}e_i,\quad e_i = w^{\top}x_i + b - y_i" + _ROWS,
    variables=_batch_vars(),
    wrt="b",
    layout="numerator",
    f=lambda w, b, X, y: np.mean((y - np.maximum(0.0, X @ w + b)) ** 2),
    claimed=lambda w, b, X, y: 2.0 * np.mean(X @ w + b - y),
    prepare=_samples_active,
    conditions="Every sample is active: the rows of X are moved along w so that w·xᵢ + b lies between 0.3 "
               "and 2.",
    symbols={**_LOSS_STEP_SYMBOLS, "e": "e_i is the error of sample i"},
    derivation=[
        _loss_step1(),
        _loss_step2(active_only=True),
        Step(r"= \frac{2}{N}\sum_{i=1}^{N}e_i\,\mathrm{d}b \;\Rightarrow\; \frac{\partial}{\partial b}"
             + _NEURON_LOSS + r" = \frac{2}{N}\sum_{i=1}^{N}e_i",
             lambda w, b, X, y, D: 2.0 / len(y) * ((X @ w + b > 0) * (X @ w + b - y)) @ D(_pre),
             lambda w, b, X, y, db: 2.0 / len(y) * np.sum(X @ w + b - y) * db, uses=["9K5K", "6Q8H"]),
    ],
    references=[parr_howard("6.2 The derivative with respect to the bias")],
    aliases=["mean error", "bias gradient of squared error", "gradient of the cost by the bias, nonzero activation"],
    notes=_BATCH_MEAN_B,
)

# --------------------------------------------------------------------------------------------
# Softmax, log-sum-exp and classification losses

_S1EXP = r"\mathbf{1}^{\top}\exp(z)"


def _sm_jacobian(z):
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)

Derivative(
    id="AH09",
    title="Jacobian of the softmax",
    latex=r"\frac{\partial \operatorname{softmax}(z)}{\partial z} = \operatorname{diag}(s) - s s^{\top},"
          r"\quad s = \operatorname{softmax}(z)",
    variables={"z": Vector("n", description="one sample's logits")},
    wrt="z",
    layout="numerator",
    f=lambda z: softmax(z),
    claimed=lambda z: np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)),
    symbols={"s": "the softmax probabilities", **ONES},
    derivation=[
        Step(r"\mathrm{d}\frac{\exp(z)}{" + _S1EXP + r"} = \frac{\mathrm{d}\exp(z)}{" + _S1EXP + r"} - \exp(z)\,"
             r"\frac{\mathbf{1}^{\top}\mathrm{d}\exp(z)}{(" + _S1EXP + r")^2}",
             lambda D: D(), lambda z, D: D(_exp_z) / np.sum(np.exp(z)) - np.exp(z) * np.sum(D(_exp_z))
             / np.sum(np.exp(z)) ** 2, uses=["8S7R", "48ZE"]),
        Step(r"= s\circ\mathrm{d}z - s\,(s^{\top}\mathrm{d}z)",
             lambda z, D: D(_exp_z) / np.sum(np.exp(z)) - np.exp(z) * np.sum(D(_exp_z)) / np.sum(np.exp(z)) ** 2,
             lambda z, dz: softmax(z) * dz - softmax(z) * (softmax(z) @ dz), uses=["MMPZ"]),
        Step(r"= \bigl(\operatorname{diag}(s) - s s^{\top}\bigr)\mathrm{d}z \;\Rightarrow\; "
             r"\frac{\partial \operatorname{softmax}(z)}{\partial z} = \operatorname{diag}(s) - s s^{\top}",
             lambda z, dz: softmax(z) * dz - softmax(z) * (softmax(z) @ dz), lambda z, dz: _sm_jacobian(z) @ dz),
    ],
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["softmax derivative", "softmax Jacobian", "derivative of softmax function",
             "diag(s) minus s s transpose"],
    notes="The Jacobian is symmetric, so both layouts agree. Its rows sum to zero: adding a constant to "
          "every z_i leaves the softmax unchanged. " + _ONE_ROW + "each row of the batch has this Jacobian.",
)

Derivative(
    id="X04W",
    title="Jacobian of the log-softmax",
    latex=r"\frac{\partial \log\operatorname{softmax}(z)}{\partial z} = I - \mathbf{1}s^{\top},"
          r"\quad s = \operatorname{softmax}(z)",
    variables={"z": Vector("n", description="one sample's logits")},
    wrt="z",
    layout="numerator",
    f=lambda z: z - _logsumexp(z),
    claimed=lambda z: np.eye(len(z)) - np.outer(np.ones(len(z)), softmax(z)),
    other_layout=(r"\frac{\partial \log\operatorname{softmax}(z)}{\partial z} = I - s\mathbf{1}^{\top}",
                  lambda z: np.eye(len(z)) - np.outer(softmax(z), np.ones(len(z)))),
    symbols={"s": "the softmax probabilities", **ONES},
    also=[Formula(r"\log\operatorname{softmax}(z) = z - \mathbf{1}\log\bigl(" + _S1EXP + r"\bigr)",
                  lambda z: np.log(softmax(z)), lambda z: z - np.ones(len(z)) * np.log(np.sum(np.exp(z))))],
    derivation=[
        Step(r"\mathrm{d}\bigl(z - \mathbf{1}\log(" + _S1EXP + r")\bigr) = \mathrm{d}z - \mathbf{1}\,"
             r"\mathrm{d}\log(" + _S1EXP + r")",
             lambda D: D(), lambda z, dz, D: dz - np.ones(len(z)) * D(_lse_z), uses=["9K5K", "8S7R"]),
        Step(r"= \mathrm{d}z - \mathbf{1}\,s^{\top}\mathrm{d}z",
             lambda z, dz, D: dz - np.ones(len(z)) * D(_lse_z), lambda z, dz: dz - np.ones(len(z)) * (softmax(z) @ dz),
             uses=["1UJ9"]),
        Step(r"= \bigl(I - \mathbf{1}s^{\top}\bigr)\mathrm{d}z \;\Rightarrow\; "
             r"\frac{\partial \log\operatorname{softmax}(z)}{\partial z} = I - \mathbf{1}s^{\top}",
             lambda z, dz: dz - np.ones(len(z)) * (softmax(z) @ dz),
             lambda z, dz: (np.eye(len(z)) - np.outer(np.ones(len(z)), softmax(z))) @ dz),
    ],
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["log softmax derivative", "log-softmax Jacobian", "log_softmax gradient"],
    notes="Unlike the softmax Jacobian this one is not symmetric: in numerator layout row i is the i-th unit "
          "row minus sᵀ. " + _ONE_ROW + "each row of the batch has this Jacobian.",
)

Derivative(
    id="1UJ9",
    title="Gradient of log-sum-exp is the softmax",
    latex=r"\frac{\partial}{\partial z}\log\sum_{i=1}^{n}\exp(z_i) = \operatorname{softmax}(z)",
    variables={"z": Vector("n", description="one sample's logits")},
    wrt="z",
    layout="denominator",
    f=lambda z: _logsumexp(z),
    claimed=lambda z: np.exp(z) / np.sum(np.exp(z)),
    symbols={"i": "an index", **ONES},
    derivation=[
        Step(r"\mathrm{d}\log\sum_{i=1}^{n}\exp(z_i) = \frac{\mathbf{1}^{\top}\mathrm{d}\exp(z)}{" + _S1EXP + r"}",
             lambda D: D(), lambda z, D: np.sum(D(_exp_z)) / np.sum(np.exp(z)), uses=["X064", "XUDY"]),
        Step(r"= \frac{\exp(z)^{\top}\mathrm{d}z}{" + _S1EXP + r"} = \operatorname{softmax}(z)^{\top}\mathrm{d}z"
             r" \;\Rightarrow\; \frac{\partial}{\partial z}\log\sum_{i=1}^{n}\exp(z_i) = \operatorname{softmax}(z)",
             lambda z, D: np.sum(D(_exp_z)) / np.sum(np.exp(z)), lambda z, dz: np.exp(z) @ dz / np.sum(np.exp(z)),
             lambda z, dz: softmax(z) @ dz, uses=["MMPZ"]),
    ],
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["logsumexp gradient", "LSE derivative", "soft maximum gradient", "derivative of log sum exp"],
    notes=_ONE_ROW + "each row's log-sum-exp has this gradient.",
)

Hessian(
    id="ND9Q",
    title="Hessian of log-sum-exp",
    latex=r"\frac{\partial^2}{\partial z\,\partial z^{\top}}\log\sum_{i=1}^{n}\exp(z_i) = "
          r"\operatorname{diag}(s) - s s^{\top},\quad s = \operatorname{softmax}(z)",
    variables={"z": Vector("n", description="one sample's logits")},
    wrt="z",
    f=lambda z: _logsumexp(z),
    claimed=lambda z: np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)),
    symbols={"i": "an index", "s": "the softmax probabilities"},
    derivation=[
        Step(r"\mathrm{d}\Bigl(\frac{\partial}{\partial z}\log\sum_{i=1}^{n}\exp(z_i)\Bigr) = "
             r"\mathrm{d}\operatorname{softmax}(z)",
             lambda D: D(_lse_gradient), lambda D: D(_softmax_z), uses=["1UJ9"]),
        Step(r"= \bigl(\operatorname{diag}(s) - s s^{\top}\bigr)\mathrm{d}z",
             lambda D: D(_softmax_z), lambda z, dz: _sm_jacobian(z) @ dz, uses=["AH09"]),
    ],
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["logsumexp Hessian", "second derivative of log sum exp", "convexity of log-sum-exp"],
    notes="Positive semidefinite, with 1 in its null space: log-sum-exp is convex but not strictly. " + _ONE_ROW
          + "each row's log-sum-exp has this Hessian.",
)

Derivative(
    id="1JBY",
    title="Gradient of softmax cross-entropy by the logits",
    latex=r"\frac{\partial}{\partial z}\Bigl(-y^{\top}\log\operatorname{softmax}(z)\Bigr) = "
          r"\operatorname{softmax}(z) - y",
    variables={"z": Vector("n", description="one sample's logits"),
               "y": Vector("n", "probability", description="the target distribution (one-hot for a class index)")},
    wrt="z",
    layout="denominator",
    f=lambda z, y: -y @ (z - _logsumexp(z)),
    claimed=lambda z, y: softmax(z) - y,
    symbols={"s": "the softmax probabilities", **ONES},
    derivation=[
        Step(r"\mathrm{d}\bigl(-y^{\top}\log\operatorname{softmax}(z)\bigr) = "
             r"-y^{\top}\mathrm{d}\log\operatorname{softmax}(z)",
             lambda D: D(), lambda z, y, D: -y @ D(_log_softmax_z), uses=["8CQG", "6Q8H"]),
        Step(r"= -y^{\top}\bigl(I - \mathbf{1}s^{\top}\bigr)\mathrm{d}z",
             lambda z, y, D: -y @ D(_log_softmax_z),
             lambda z, y, dz: -y @ ((np.eye(len(z)) - np.outer(np.ones(len(z)), softmax(z))) @ dz), uses=["X04W"]),
        Step(r"= \bigl((\mathbf{1}^{\top}y)\,s - y\bigr)^{\top}\mathrm{d}z = (s - y)^{\top}\mathrm{d}z"
             r" \quad (\text{the entries of } y \text{ sum to } 1) \;\Rightarrow\; \frac{\partial}{\partial z}\Bigl(-y^{\top}"
             r"\log\operatorname{softmax}(z)\Bigr) = \operatorname{softmax}(z) - y",
             lambda z, y, dz: -y @ ((np.eye(len(z)) - np.outer(np.ones(len(z)), softmax(z))) @ dz),
             lambda z, y, dz: (np.sum(y) * softmax(z) - y) @ dz, lambda z, y, dz: (softmax(z) - y) @ dz),
    ],
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["cross entropy gradient", "softmax cross-entropy derivative", "logits gradient",
             "softmax minus one-hot", "negative log-likelihood softmax gradient"],
    notes="Holds when y sums to one (a one-hot label or soft targets); for other y see the general form. One "
          "sample, as a column vector; PyTorch's cross_entropy takes an N × n batch of logits, one sample per row, "
          "and the mean over the batch, so each row of its gradient is this gradient divided by N.",
)

Derivative(
    id="H014",
    title="Gradient of softmax cross-entropy for unnormalised targets",
    latex=r"\frac{\partial}{\partial z}\Bigl(-y^{\top}\log\operatorname{softmax}(z)\Bigr) = "
          r"(\mathbf{1}^{\top}y)\operatorname{softmax}(z) - y",
    variables={"z": Vector("n", description="one sample's logits"),
               "y": Vector("n", description="the targets, not necessarily summing to one")},
    wrt="z",
    layout="denominator",
    f=lambda z, y: -y @ (z - _logsumexp(z)),
    claimed=lambda z, y: np.sum(y) * softmax(z) - y,
    symbols={"s": "the softmax probabilities", **ONES},
    also=[Formula(r"-y^{\top}\log\operatorname{softmax}(z) = -y^{\top}z + (\mathbf{1}^{\top}y)\log\bigl("
                  + _S1EXP + r"\bigr)",
                  lambda z, y: -y @ np.log(softmax(z)), lambda z, y: -y @ z + np.sum(y) * np.log(np.sum(np.exp(z))))],
    derivation=[
        Step(r"\mathrm{d}\bigl(-y^{\top}z + (\mathbf{1}^{\top}y)\log(" + _S1EXP + r")\bigr) = -y^{\top}\mathrm{d}z"
             r" + (\mathbf{1}^{\top}y)\,\mathrm{d}\log(" + _S1EXP + r")",
             lambda D: D(), lambda z, y, dz, D: -y @ dz + np.sum(y) * D(_lse_z), uses=["9K5K", "XLL8"]),
        Step(r"= -y^{\top}\mathrm{d}z + (\mathbf{1}^{\top}y)\,s^{\top}\mathrm{d}z",
             lambda z, y, dz, D: -y @ dz + np.sum(y) * D(_lse_z),
             lambda z, y, dz: -y @ dz + np.sum(y) * (softmax(z) @ dz), uses=["1UJ9"]),
        Step(r"= \bigl((\mathbf{1}^{\top}y)\,s - y\bigr)^{\top}\mathrm{d}z \;\Rightarrow\; "
             r"\frac{\partial}{\partial z}\Bigl(-y^{\top}\log\operatorname{softmax}(z)\Bigr) = "
             r"(\mathbf{1}^{\top}y)\operatorname{softmax}(z) - y",
             lambda z, y, dz: -y @ dz + np.sum(y) * (softmax(z) @ dz),
             lambda z, y, dz: (np.sum(y) * softmax(z) - y) @ dz),
    ],
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    aliases=["weighted cross entropy gradient", "cross entropy with unnormalised targets",
             "label smoothing gradient"],
    notes="Reduces to softmax(z) − y when y is a probability vector; a common bug is to drop the factor 1ᵀy "
          "for targets that do not sum to one. One sample, as a column vector; PyTorch's cross_entropy with "
          "probability targets takes the mean over the N rows of an N × n batch, one sample per row, so each row "
          "of its gradient is this gradient divided by N.",
)

Derivative(
    id="WY06",
    title="Jacobian of the softmax with temperature",
    latex=r"\frac{\partial}{\partial z}\operatorname{softmax}(z/\tau) = \frac{1}{\tau}\bigl(\operatorname{diag}(s) "
          r"- s s^{\top}\bigr),\quad s = \operatorname{softmax}(z/\tau)",
    variables={"z": Vector("n", description="one sample's logits"),
               "tau": Scalar("positive", description="the temperature")},
    wrt="z",
    layout="numerator",
    f=lambda z, tau: softmax(z / tau),
    claimed=lambda z, tau: (np.diag(softmax(z / tau)) - np.outer(softmax(z / tau), softmax(z / tau))) / tau,
    symbols={"s": "the tempered softmax probabilities"},
    derivation=[
        Step(r"\mathrm{d}\operatorname{softmax}(z/\tau) = \bigl(\operatorname{diag}(s) - s s^{\top}\bigr)\,"
             r"\mathrm{d}(z/\tau)",
             lambda D: D(), lambda z, tau, D: _sm_jacobian(z / tau) @ D(_z_over_tau), uses=["AH09"]),
        Step(r"= \frac{1}{\tau}\bigl(\operatorname{diag}(s) - s s^{\top}\bigr)\mathrm{d}z",
             lambda z, tau, D: _sm_jacobian(z / tau) @ D(_z_over_tau),
             lambda z, tau, dz: _sm_jacobian(z / tau) @ dz / tau, uses=["XLL8"]),
    ],
    aliases=["temperature softmax derivative", "tempered softmax Jacobian", "distillation softmax gradient"],
    notes=_ONE_ROW + "each row of the batch has this Jacobian.",
)

_BCE = r"-y^{\top}\log\sigma(z) - (\mathbf{1} - y)^{\top}\log\bigl(\mathbf{1} - \sigma(z)\bigr)"

Derivative(
    id="P773",
    title="Gradient of binary cross-entropy with a sigmoid by the logits",
    latex=r"\frac{\partial}{\partial z}\Bigl(-y^{\top}\log\sigma(z) - (\mathbf{1} - y)^{\top}\log\bigl(\mathbf{1} "
          r"- \sigma(z)\bigr)\Bigr) = \sigma(z) - y",
    variables={"z": Vector("n", description="n logits, one per binary target"),
               "y": Vector("n", "unit_interval", description="the n targets")},
    wrt="z",
    layout="denominator",
    f=lambda z, y: np.sum(y * np.logaddexp(0.0, -z) + (1.0 - y) * np.logaddexp(0.0, z)),
    claimed=lambda z, y: sigmoid(z) - y,
    symbols={r"\sigma": "the logistic sigmoid, element-wise", **ONES},
    derivation=[
        Step(r"\mathrm{d}\Bigl(" + _BCE + r"\Bigr) = -y^{\top}\mathrm{d}\log\sigma(z) - (\mathbf{1} - y)^{\top}\mathrm{d}\log"
             r"\bigl(\mathbf{1} - \sigma(z)\bigr)",
             lambda D: D(), lambda z, y, D: -y @ D(_log_sigmoid) - (1.0 - y) @ D(_log_one_minus_sigmoid),
             uses=["9K5K", "8CQG"]),
        Step(r"= -y^{\top}\bigl((\mathbf{1} - \sigma(z))\circ\mathrm{d}z\bigr) + (\mathbf{1} - y)^{\top}"
             r"\bigl(\sigma(z)\circ\mathrm{d}z\bigr)",
             lambda z, y, D: -y @ D(_log_sigmoid) - (1.0 - y) @ D(_log_one_minus_sigmoid),
             lambda z, y, dz: -y @ ((1.0 - sigmoid(z)) * dz) + (1.0 - y) @ (sigmoid(z) * dz), uses=["X064", "7Z06"]),
        Step(r"= \bigl(\sigma(z) - y\bigr)^{\top}\mathrm{d}z \;\Rightarrow\; \frac{\partial}{\partial z}\Bigl("
             + _BCE + r"\Bigr) = \sigma(z) - y",
             lambda z, y, dz: -y @ ((1.0 - sigmoid(z)) * dz) + (1.0 - y) @ (sigmoid(z) * dz),
             lambda z, y, dz: (sigmoid(z) - y) @ dz),
    ],
    references=[ref("goodfellow-2016", "§6.2.2.2 Sigmoid Units for Bernoulli Output Distributions")],
    aliases=["binary cross entropy gradient", "BCE with logits derivative", "sigmoid cross entropy gradient",
             "logistic loss gradient"],
    notes="log σ(z) and log(1 − σ(z)) act element-wise; y may hold labels in {0, 1} or soft targets in [0, 1]. "
          "The loss is summed over the n entries here; PyTorch's binary_cross_entropy_with_logits takes the mean "
          "over all entries by default, which divides the loss and this gradient by n.",
)

Derivative(
    id="MM9Z",
    title="Gradient of the mean squared error",
    latex=r"\frac{\partial}{\partial \hat{y}}\frac{1}{n}\lVert \hat{y} - y\rVert_2^2 = \frac{2}{n}(\hat{y} - y)",
    variables={"y_hat": Vector("n", tex=r"\hat{y}", description="the predictions"),
               "y": Vector("n", description="the targets")},
    wrt="y_hat",
    layout="denominator",
    f=lambda y_hat, y: np.mean((y_hat - y) ** 2),
    claimed=lambda y_hat, y: 2.0 * (y_hat - y) / len(y),
    symbolic=lambda y_hat, y: ((y_hat - y).T * (y_hat - y))[0, 0] / y.shape[0],
    derivation=[
        Step(r"\mathrm{d}\,\frac{1}{n}\lVert \hat{y} - y\rVert_2^2 = \frac{1}{n}\,\mathrm{d}\bigl((\hat{y} - y)^{\top}"
             r"(\hat{y} - y)\bigr)",
             lambda D: D(), lambda y_hat, y, D: D(_sq_err) / len(y), uses=["XLL8"]),
        Step(r"= \frac{2}{n}(\hat{y} - y)^{\top}\mathrm{d}\hat{y} \;\Rightarrow\; \frac{\partial}{\partial \hat{y}}"
             r"\frac{1}{n}\lVert \hat{y} - y\rVert_2^2 = \frac{2}{n}(\hat{y} - y)",
             lambda y_hat, y, D: D(_sq_err) / len(y), lambda y_hat, y, dy_hat: 2.0 / len(y) * (y_hat - y) @ dy_hat,
             uses=["N72P", "FCZG"]),
    ],
    aliases=["MSE gradient", "mean squared error derivative", "L2 loss gradient", "squared error loss"],
    notes="With the sum instead of the mean the factor is 2; with ½‖ŷ − y‖² it is 1. The mean over all n "
          "entries is PyTorch's default mse_loss; for an N × k batch, n counts all Nk entries.",
)

Derivative(
    id="0QUC",
    title="Gradient of the mean hinge loss by the weights",
    latex=r"\frac{\partial}{\partial w}\frac{1}{N}\sum_{i=1}^{N}\max\bigl(0,\, 1 - y_i w^{\top}x_i\bigr) = "
          r"-\frac{1}{N}\sum_{i=1}^{N}[y_i w^{\top}x_i < 1]\,y_i x_i" + _ROWS,
    variables={"w": Vector("n", description="the weights, one per feature"),
               "X": Matrix("N", "n", description="a batch of N samples, one per row"),
               "y": Vector("N", description="the N labels, each ±1")},
    wrt="w",
    layout="denominator",
    f=lambda w, X, y: np.mean(np.maximum(0.0, 1.0 - y * (X @ w))),
    claimed=lambda w, X, y: -X.T @ ((y * (X @ w) < 1) * y) / len(y),
    prepare=_hinge_margins,
    conditions="The labels yᵢ are ±1, and the rows of X are moved along w so that every margin yᵢ w·xᵢ lies "
               "0.3 to 2 away from 1 (away from the kink), the first sample outside the margin and the last "
               "inside it.",
    symbols=_LOSS_SYMBOLS,
    derivation=[
        Step(r"\mathrm{d}\,\frac{1}{N}\sum_{i=1}^{N}\max\bigl(0,\, 1 - y_i w^{\top}x_i\bigr) = -\frac{1}{N}"
             r"\sum_{i=1}^{N}[y_i w^{\top}x_i < 1]\,\mathrm{d}\bigl(y_i w^{\top}x_i\bigr)",
             lambda D: D(), lambda w, X, y, D: -((y * (X @ w) < 1) @ D(_hinge_margins_of)) / len(y),
             uses=["R8DW", "MRLS", "XLL8"]),
        Step(r"= -\frac{1}{N}\sum_{i=1}^{N}[y_i w^{\top}x_i < 1]\,y_i x_i^{\top}\mathrm{d}w \;\Rightarrow\; "
             r"\frac{\partial}{\partial w}\frac{1}{N}\sum_{i=1}^{N}\max\bigl(0,\, 1 - y_i w^{\top}x_i\bigr) = "
             r"-\frac{1}{N}\sum_{i=1}^{N}[y_i w^{\top}x_i < 1]\,y_i x_i",
             lambda w, X, y, D: -((y * (X @ w) < 1) @ D(_hinge_margins_of)) / len(y),
             lambda w, X, y, dw: -np.sum((y * (X @ w) < 1) * y * (X @ dw)) / len(y), uses=["VN75"]),
    ],
    aliases=["hinge loss gradient", "SVM loss subgradient", "max-margin loss derivative"],
    notes=IVERSON + " At a margin of exactly 1 the loss has no gradient; −yᵢxᵢ/N times any number in [0, 1] "
          "is a subgradient of that sample's term there. Batch first and mean-reduced, as PyTorch's losses are by "
          "default; the summed form, the usual SVM objective, has N times this gradient.",
    history=[Change("2026-12-02", "0.2.0", "the loss is the mean over the N samples instead of their sum, so the "
                    "gradient gained the factor 1/N",
                    "the catalogue's deep-learning convention, PyTorch's, reduces a loss by the mean over the batch")],
)

# --------------------------------------------------------------------------------------------
# Dense layers and backpropagation.  L = tr(Gᵀ Y) has ∂L/∂Y = G, so these are the backward rules
# for any loss whose upstream gradient at Y is G.

_DENSE = r"\operatorname{tr}\bigl(G^{\top}(XW + \mathbf{1}b^{\top})\bigr)"


def _dense_vars():
    return {"X": Matrix("N", "p", description="a batch of N inputs, one per row"),
            "W": Matrix("p", "q", description="the weight, in × out (torch.nn.Linear stores its transpose)"),
            "b": Vector("q", description="the bias, one per output"),
            "G": Matrix("N", "q", description="the upstream gradient ∂L/∂Y")}


_DENSE_NOTE = ("The layer output Y, XW + 1bᵀ, is a batch of N rows. tr(GᵀY) is linear in Y with gradient G, so "
               "by the chain rule this is the backward pass of the layer for any loss L(Y) whose gradient at Y is G. "
               "Batch first, but the weight W here is in × out (p × q) and multiplies X on the right; "
               "torch.nn.Linear stores its q × p transpose, out × in, and multiplies X by the transpose of that.")
_DENSE_D = r"\operatorname{tr}\bigl(G^{\top}\mathrm{d}(XW + \mathbf{1}b^{\top})\bigr)"


def _dense_step1():  # d tr(GᵀY) = tr(Gᵀ dY)
    return Step(r"\mathrm{d}" + _DENSE + r" = " + _DENSE_D, lambda D: D(),
                lambda X, W, b, G, D: np.sum(G * D(_dense_out)), uses=["U00N", "2ZM7"])

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
    derivation=[
        _dense_step1(),
        Step(r"= \operatorname{tr}\bigl(G^{\top}X\,\mathrm{d}W\bigr) \quad (\mathrm{d}X = 0,\ \mathrm{d}b = 0)",
             lambda X, W, b, G, D: np.sum(G * D(_dense_out)), lambda X, G, dW: np.trace(G.T @ X @ dW),
             uses=["8CQG", "6Q8H"]),
        Step(r"= \operatorname{tr}\bigl((X^{\top}G)^{\top}\mathrm{d}W\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial W}" + _DENSE + r" = X^{\top}G",
             lambda X, G, dW: np.trace(G.T @ X @ dW), lambda X, G, dW: np.sum((X.T @ G) * dW)),
    ],
    symbolic=lambda X, W, b, G: sp.Trace(G.T * (X * W + sp.OneMatrix(X.shape[0], 1) * b.T)),
    symbols=ONES,
    references=[ref("goodfellow-2016", "§6.5.4 Back-Propagation Computation in Fully-Connected MLP")],
    aliases=["linear layer weight gradient", "fully connected backward", "dW = X^T dY", "dense layer gradient"],
    notes=_DENSE_NOTE + " The gradient by torch.nn.Linear's stored weight is therefore the transpose of this one, "
          "GᵀX (the other layout's form).",
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
    derivation=[
        _dense_step1(),
        Step(r"= \operatorname{tr}\bigl(G^{\top}(\mathrm{d}X)\,W\bigr) \quad (\mathrm{d}W = 0,\ \mathrm{d}b = 0)",
             lambda X, W, b, G, D: np.sum(G * D(_dense_out)), lambda W, G, dX: np.trace(G.T @ dX @ W),
             uses=["8CQG", "6Q8H"]),
        Step(r"= \operatorname{tr}\bigl(W G^{\top}\mathrm{d}X\bigr) = \operatorname{tr}\bigl((G W^{\top})^{\top}"
             r"\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}" + _DENSE + r" = G W^{\top}",
             lambda W, G, dX: np.trace(G.T @ dX @ W), lambda W, G, dX: np.trace(W @ G.T @ dX),
             lambda W, G, dX: np.sum((G @ W.T) * dX)),
    ],
    symbolic=lambda X, W, b, G: sp.Trace(G.T * (X * W + sp.OneMatrix(X.shape[0], 1) * b.T)),
    symbols=ONES,
    references=[ref("goodfellow-2016", "§6.5.4 Back-Propagation Computation in Fully-Connected MLP")],
    aliases=["linear layer input gradient", "dX = dY W^T", "backpropagate through a dense layer"],
    notes=_DENSE_NOTE + " With torch.nn.Linear's stored weight this input gradient is G times that weight, "
          "untransposed.",
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
    derivation=[
        _dense_step1(),
        Step(r"= \operatorname{tr}\bigl(G^{\top}\mathbf{1}\,\mathrm{d}b^{\top}\bigr) = \mathbf{1}^{\top}G\,\mathrm{d}b"
             r" \quad (\mathrm{d}X = 0,\ \mathrm{d}W = 0)",
             lambda X, W, b, G, D: np.sum(G * D(_dense_out)), lambda G, db: np.trace(G.T @ np.outer(np.ones(len(G)), db)),
             lambda G, db: np.ones(len(G)) @ G @ db, uses=["8CQG", "TBSX", "6Q8H"]),
        Step(r"= (G^{\top}\mathbf{1})^{\top}\mathrm{d}b \;\Rightarrow\; \frac{\partial}{\partial b}" + _DENSE
             + r" = G^{\top}\mathbf{1}",
             lambda G, db: np.ones(len(G)) @ G @ db, lambda G, db: (G.T @ np.ones(len(G))) @ db),
    ],
    symbolic=lambda X, W, b, G: sp.Trace(G.T * (X * W + sp.OneMatrix(X.shape[0], 1) * b.T)),
    symbols=ONES,
    references=[parr_howard("4.3 Derivatives involving scalar expansion"),
                ref("goodfellow-2016", "§6.5.4 Back-Propagation Computation in Fully-Connected MLP")],
    aliases=["bias gradient sum over batch", "db = sum of dY", "broadcast bias backward"],
    notes=_DENSE_NOTE + " The bias is broadcast over the batch, so its gradient sums over the batch; it is the "
          "same under either weight orientation.",
)

_MLP = (r"L = \tfrac{1}{2}\lVert \hat{y} - y\rVert_2^2,\ \hat{y} = W_2 h + b_2,\ h = \tanh(W_1 x + b_1)")


def _mlp_vars():
    return {"x": Vector("n", description="one sample's features"),
            "W1": Matrix("m", "n", tex="W_1", description="the hidden layer's weight, out × in"),
            "b1": Vector("m", tex="b_1", description="the hidden layer's bias"),
            "W2": Matrix("k", "m", tex="W_2", description="the output layer's weight, out × in"),
            "b2": Vector("k", tex="b_2", description="the output layer's bias"),
            "y": Vector("k", description="the sample's targets")}


# How the two-layer network's entries translate to PyTorch's convention
_MLP_NOTE = ("One sample, as a column vector x, with both weights out × in as torch.nn.Linear stores them; the "
             "loss is half the squared error summed over the k outputs, so PyTorch's default mse_loss over a batch "
             "of N samples, stacked as rows, is 2/(Nk) times the sum of these per-sample losses, and its gradients "
             "are 2/(Nk) times the sum of the per-sample gradients given here.")


_MLP_SYMBOLS = {"L": "the loss", "h": "the hidden activations", r"\hat{y}": "the network output"}


def _mlp_loss(x, W1, b1, W2, b2, y):
    r = W2 @ np.tanh(W1 @ x + b1) + b2 - y
    return 0.5 * r @ r


def _mlp_err(x, W1, b1, W2, b2, y):  # ŷ − y
    return W2 @ np.tanh(W1 @ x + b1) + b2 - y


def _mlp_out(x, W1, b1, W2, b2):  # ŷ
    return W2 @ np.tanh(W1 @ x + b1) + b2


def _mlp_hidden(x, W1, b1):  # h
    return np.tanh(W1 @ x + b1)


def _mlp_pre(x, W1, b1):  # W₁x + b₁
    return W1 @ x + b1


def _mlp_step1():  # dL = (ŷ − y)ᵀ dŷ
    return Step(r"\mathrm{d}L = (\hat{y} - y)^{\top}\mathrm{d}\hat{y}", lambda D: D(),
                lambda x, W1, b1, W2, b2, y, D: _mlp_err(x, W1, b1, W2, b2, y) @ D(_mlp_out), uses=["FCZG"])


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
    derivation=[
        _mlp_step1(),
        Step(r"= (\hat{y} - y)^{\top}W_2\,\mathrm{d}h \quad (\mathrm{d}W_2 = 0,\ \mathrm{d}b_2 = 0)",
             lambda x, W1, b1, W2, b2, y, D: _mlp_err(x, W1, b1, W2, b2, y) @ D(_mlp_out),
             lambda x, W1, b1, W2, b2, y, D: _mlp_err(x, W1, b1, W2, b2, y) @ W2 @ D(_mlp_hidden), uses=["2ZM7", "6Q8H"]),
        Step(r"= (\hat{y} - y)^{\top}W_2\bigl((\mathbf{1} - h\circ h)\circ\mathrm{d}(W_1 x + b_1)\bigr)",
             lambda x, W1, b1, W2, b2, y, D: _mlp_err(x, W1, b1, W2, b2, y) @ W2 @ D(_mlp_hidden),
             lambda x, W1, b1, W2, b2, y, D: _mlp_err(x, W1, b1, W2, b2, y) @ W2
             @ ((1.0 - _mlp_hidden(x, W1, b1) ** 2) * D(_mlp_pre)), uses=["0MJ8"]),
        Step(r"= \Bigl(\bigl(W_2^{\top}(\hat{y} - y)\bigr)\circ(\mathbf{1} - h\circ h)\Bigr)^{\top}\mathrm{d}W_1\,x"
             r" = \operatorname{tr}\Bigl(x\Bigl(\bigl(W_2^{\top}(\hat{y} - y)\bigr)\circ(\mathbf{1} - h\circ h)"
             r"\Bigr)^{\top}\mathrm{d}W_1\Bigr)",
             lambda x, W1, b1, W2, b2, y, D: _mlp_err(x, W1, b1, W2, b2, y) @ W2
             @ ((1.0 - _mlp_hidden(x, W1, b1) ** 2) * D(_mlp_pre)),
             lambda x, W1, b1, W2, b2, y, dW1: ((W2.T @ _mlp_err(x, W1, b1, W2, b2, y))
                                                * (1.0 - _mlp_hidden(x, W1, b1) ** 2)) @ (dW1 @ x),
             lambda x, W1, b1, W2, b2, y, dW1: np.trace(np.outer(x, (W2.T @ _mlp_err(x, W1, b1, W2, b2, y))
                                                                 * (1.0 - _mlp_hidden(x, W1, b1) ** 2)) @ dW1),
             uses=["8CQG", "6Q8H"]),
        Step(r"\Rightarrow\; \frac{\partial L}{\partial W_1} = \Bigl(\bigl(W_2^{\top}(\hat{y} - y)\bigr)\circ"
             r"(\mathbf{1} - h\circ h)\Bigr)\,x^{\top}",
             lambda x, W1, b1, W2, b2, y, dW1: np.trace(np.outer(x, (W2.T @ _mlp_err(x, W1, b1, W2, b2, y))
                                                                 * (1.0 - _mlp_hidden(x, W1, b1) ** 2)) @ dW1),
             lambda x, W1, b1, W2, b2, y, dW1: np.sum(np.outer((W2.T @ _mlp_err(x, W1, b1, W2, b2, y))
                                                               * (1.0 - _mlp_hidden(x, W1, b1) ** 2), x) * dW1)),
    ],
    references=[ref("goodfellow-2016", "§6.5.7 Example: Back-Propagation for MLP Training")],
    aliases=["backpropagation example", "two layer neural network gradient", "MLP backprop",
             "hidden layer weight gradient", "tanh derivative backprop"],
    notes="The error ŷ − y is sent back through W₂ᵀ, multiplied element-wise by the tanh derivative 1 − h ∘ h, "
          "and its outer product with the layer input x gives the weight gradient. " + _MLP_NOTE,
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
    derivation=[
        _mlp_step1(),
        Step(r"= (\hat{y} - y)^{\top}\mathrm{d}W_2\,h \quad (\mathrm{d}h = 0,\ \mathrm{d}b_2 = 0)",
             lambda x, W1, b1, W2, b2, y, D: _mlp_err(x, W1, b1, W2, b2, y) @ D(_mlp_out),
             lambda x, W1, b1, W2, b2, y, dW2: _mlp_err(x, W1, b1, W2, b2, y) @ dW2 @ _mlp_hidden(x, W1, b1),
             uses=["8CQG", "6Q8H"]),
        Step(r"= \operatorname{tr}\bigl(h(\hat{y} - y)^{\top}\mathrm{d}W_2\bigr) \;\Rightarrow\; "
             r"\frac{\partial L}{\partial W_2} = (\hat{y} - y)\,h^{\top}",
             lambda x, W1, b1, W2, b2, y, dW2: _mlp_err(x, W1, b1, W2, b2, y) @ dW2 @ _mlp_hidden(x, W1, b1),
             lambda x, W1, b1, W2, b2, y, dW2: np.trace(np.outer(_mlp_hidden(x, W1, b1), _mlp_err(x, W1, b1, W2, b2, y))
                                                        @ dW2)),
    ],
    references=[ref("goodfellow-2016", "§6.5.7 Example: Back-Propagation for MLP Training")],
    aliases=["output layer weight gradient", "last layer gradient", "delta rule"],
    notes=_MLP_NOTE,
)

# --------------------------------------------------------------------------------------------
# Normalisation layers

_LN_DEF = (r"\hat{x} = \frac{x - \mu\mathbf{1}}{\sigma},\ \mu = \tfrac{1}{n}\mathbf{1}^{\top}x,\ "
           r"\sigma = \sqrt{\tfrac{1}{n}\lVert x - \mu\mathbf{1}\rVert_2^2 + \epsilon}")
_LN_SYMBOLS = {r"\hat{x}": "the normalised vector", r"\mu": "the mean of the entries of x",
               r"\sigma": "the standard deviation of the entries of x, with ε added to the variance", **ONES}
_LN_NOTE = ("Ba et al. define σ without ε; implementations add ε to the variance. The Jacobian has the same "
            "form either way, with σ the denominator actually used (x̂ᵀx̂ reaches n only without ε; see the "
            "formula below).")
_LN_X = Vector("n", description="one sample's features")
_LN_EPS = Scalar("positive", description="the constant added to the variance")
_LN_GAIN = Vector("n", description="the gain, one per feature (the layer's weight)")
_LN_ROWS = ("One sample, as a column vector x of n features; PyTorch's layer_norm over the last dimension normalises "
            "each row of an N × n batch separately, so ")


def _ln_center(x):  # x − μ1
    return x - x.mean()


def _ln_sigma(x, epsilon):
    return _layer_norm(x, epsilon)[1]


def _ln_xhat(x, epsilon):
    return _layer_norm(x, epsilon)[0]


# The derivation of the layer-norm Jacobian, shared by the entries that apply it.
_LN_STEPS = [
    Step(r"\mathrm{d}\hat{x} = \mathrm{d}\frac{x - \mu\mathbf{1}}{\sigma} = \frac{\mathrm{d}(x - \mu\mathbf{1})}{\sigma}"
         r" - (x - \mu\mathbf{1})\frac{\mathrm{d}\sigma}{\sigma^2}",
         lambda D: D(_ln_xhat), lambda x, epsilon, D: D(_ln_center) / _ln_sigma(x, epsilon)
         - _ln_center(x) * D(_ln_sigma) / _ln_sigma(x, epsilon) ** 2, uses=["8S7R", "48ZE"]),
    Step(r"= \frac{\mathrm{d}x - \tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top}\mathrm{d}x}{\sigma} - \hat{x}\,"
         r"\frac{\mathrm{d}\sigma}{\sigma}",
         lambda x, epsilon, D: D(_ln_center) / _ln_sigma(x, epsilon)
         - _ln_center(x) * D(_ln_sigma) / _ln_sigma(x, epsilon) ** 2,
         lambda x, epsilon, dx, D: (dx - np.ones(len(x)) * np.sum(dx) / len(x)) / _ln_sigma(x, epsilon)
         - _ln_xhat(x, epsilon) * D(_ln_sigma) / _ln_sigma(x, epsilon), uses=["9K5K", "XUDY"]),
    Step(r"= \frac{1}{\sigma}\Bigl(\mathrm{d}x - \tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top}\mathrm{d}x - "
         r"\tfrac{1}{n}\hat{x}\,\hat{x}^{\top}\mathrm{d}x\Bigr) \quad \Bigl(\mathrm{d}\sigma = "
         r"\frac{(x - \mu\mathbf{1})^{\top}\mathrm{d}x}{n\sigma} = \tfrac{1}{n}\hat{x}^{\top}\mathrm{d}x\Bigr)",
         lambda x, epsilon, dx, D: (dx - np.ones(len(x)) * np.sum(dx) / len(x)) / _ln_sigma(x, epsilon)
         - _ln_xhat(x, epsilon) * D(_ln_sigma) / _ln_sigma(x, epsilon),
         lambda x, epsilon, dx: (dx - np.sum(dx) / len(x) - _ln_xhat(x, epsilon) * (_ln_xhat(x, epsilon) @ dx) / len(x))
         / _ln_sigma(x, epsilon), uses=["48ZE", "FCZG"]),
]
_LN_DSIGMA = Formula(r"\mathrm{d}\sigma = \frac{(x - \mu\mathbf{1})^{\top}\mathrm{d}x}{n\sigma} = "
                     r"\tfrac{1}{n}\hat{x}^{\top}\mathrm{d}x",
                     lambda D: D(_ln_sigma), lambda x, epsilon, dx: _ln_center(x) @ dx / (len(x) * _ln_sigma(x, epsilon)),
                     lambda x, epsilon, dx: _ln_xhat(x, epsilon) @ dx / len(x), uses=["48ZE", "FCZG"])
_LN_NORM = Formula(r"\hat{x}^{\top}\hat{x} = n\Bigl(1 - \frac{\epsilon}{\sigma^2}\Bigr)",
                   lambda x, epsilon: _ln_xhat(x, epsilon) @ _ln_xhat(x, epsilon),
                   lambda x, epsilon: len(x) * (1.0 - epsilon / _ln_sigma(x, epsilon) ** 2))


def _ln_jacobian(x, epsilon):
    xhat, sigma = _layer_norm(x, epsilon)
    n = len(x)
    return (np.eye(n) - np.ones((n, n)) / n - np.outer(xhat, xhat) / n) / sigma


Derivative(
    id="MTM8",
    title="Jacobian of layer normalisation",
    latex=_LN_DEF + r":\quad \frac{\partial \hat{x}}{\partial x} = \frac{1}{\sigma}\Bigl(I - \tfrac{1}{n}\mathbf{1}"
          r"\mathbf{1}^{\top} - \tfrac{1}{n}\hat{x}\hat{x}^{\top}\Bigr)",
    variables={"x": _LN_X, "epsilon": _LN_EPS},
    wrt="x",
    layout="numerator",
    f=lambda x, epsilon: _layer_norm(x, epsilon)[0],
    claimed=_ln_jacobian,
    symbols=_LN_SYMBOLS,
    derivation=_LN_STEPS + [
        Step(r"= \frac{1}{\sigma}\Bigl(I - \tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top} - \tfrac{1}{n}\hat{x}\hat{x}^{\top}"
             r"\Bigr)\mathrm{d}x \;\Rightarrow\; \frac{\partial \hat{x}}{\partial x} = \frac{1}{\sigma}\Bigl(I - "
             r"\tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top} - \tfrac{1}{n}\hat{x}\hat{x}^{\top}\Bigr)",
             lambda x, epsilon, dx: (dx - np.sum(dx) / len(x) - _ln_xhat(x, epsilon) * (_ln_xhat(x, epsilon) @ dx)
                                     / len(x)) / _ln_sigma(x, epsilon),
             lambda x, epsilon, dx: _ln_jacobian(x, epsilon) @ dx),
    ],
    also=[_LN_DSIGMA, _LN_NORM],
    references=[ref("ba-2016", "§3 Layer normalization")],
    aliases=["layer norm Jacobian", "LayerNorm derivative", "standardisation Jacobian",
             "derivative of z-score normalisation"],
    notes="Symmetric, so both layouts agree. " + _LN_NOTE + " " + _LN_ROWS + "each row has this Jacobian.",
)

Derivative(
    id="LAP1",
    title="Jacobian of layer normalisation with gain and bias",
    latex=_LN_DEF + r":\quad \frac{\partial}{\partial x}\bigl(\gamma\circ\hat{x} + \beta\bigr) = "
          r"\operatorname{diag}(\gamma)\,\frac{1}{\sigma}\Bigl(I - \tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top} "
          r"- \tfrac{1}{n}\hat{x}\hat{x}^{\top}\Bigr)",
    variables={"x": _LN_X, "gamma": _LN_GAIN,
               "beta": Vector("n", description="the bias, one per feature"), "epsilon": _LN_EPS},
    wrt="x",
    layout="numerator",
    f=lambda x, gamma, beta, epsilon: gamma * _layer_norm(x, epsilon)[0] + beta,
    claimed=lambda x, gamma, beta, epsilon: gamma[:, None] * _ln_jacobian(x, epsilon),
    other_layout=(_LN_DEF + r":\quad \frac{\partial}{\partial x}\bigl(\gamma\circ\hat{x} + \beta\bigr) = "
                  r"\frac{1}{\sigma}\Bigl(I - \tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top} - \tfrac{1}{n}\hat{x}"
                  r"\hat{x}^{\top}\Bigr)\operatorname{diag}(\gamma)",
                  lambda x, gamma, beta, epsilon: _ln_jacobian(x, epsilon) * gamma[None, :]),
    symbols=_LN_SYMBOLS,
    derivation=[
        Step(r"\mathrm{d}\bigl(\gamma\circ\hat{x} + \beta\bigr) = \gamma\circ\mathrm{d}\hat{x} \quad "
             r"(\mathrm{d}\gamma = 0,\ \mathrm{d}\beta = 0)",
             lambda D: D(), lambda x, gamma, epsilon, D: gamma * D(_ln_xhat), uses=["E341", "9K5K", "6Q8H"]),
        Step(r"= \operatorname{diag}(\gamma)\,\frac{1}{\sigma}\Bigl(I - \tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top} "
             r"- \tfrac{1}{n}\hat{x}\hat{x}^{\top}\Bigr)\mathrm{d}x",
             lambda x, gamma, epsilon, D: gamma * D(_ln_xhat), lambda x, gamma, epsilon, dx: gamma * (_ln_jacobian(x, epsilon) @ dx),
             lambda x, gamma, epsilon, dx: (np.diag(gamma) @ _ln_jacobian(x, epsilon)) @ dx, uses=["MTM8"]),
    ],
    references=[ref("ba-2016", "§3 Layer normalization")],
    aliases=["LayerNorm with affine parameters", "layer norm gain Jacobian", "elementwise affine layer norm"],
    notes=_LN_NOTE + " " + _LN_ROWS + "each row has this Jacobian.",
)

Derivative(
    id="FG03",
    title="Layer normalisation backward pass (vector-Jacobian product)",
    latex=_LN_DEF + r":\quad \frac{\partial}{\partial x}\,g^{\top}\hat{x} = \frac{1}{\sigma}\Bigl(g - "
          r"\tfrac{1}{n}(\mathbf{1}^{\top}g)\mathbf{1} - \tfrac{1}{n}(\hat{x}^{\top}g)\,\hat{x}\Bigr)",
    variables={"x": _LN_X, "g": Vector("n", description="the upstream gradient ∂L/∂x̂"),
               "epsilon": _LN_EPS},
    wrt="x",
    layout="denominator",
    f=lambda x, g, epsilon: g @ _layer_norm(x, epsilon)[0],
    claimed=lambda x, g, epsilon: (g - g.mean() - _layer_norm(x, epsilon)[0] * np.mean(g * _layer_norm(x, epsilon)[0]))
    / _layer_norm(x, epsilon)[1],
    symbols=_LN_SYMBOLS,
    derivation=[
        Step(r"\mathrm{d}\bigl(g^{\top}\hat{x}\bigr) = g^{\top}\mathrm{d}\hat{x}",
             lambda D: D(), lambda x, g, epsilon, D: g @ D(_ln_xhat), uses=["8CQG", "6Q8H"]),
        Step(r"= g^{\top}\frac{1}{\sigma}\Bigl(I - \tfrac{1}{n}\mathbf{1}\mathbf{1}^{\top} - \tfrac{1}{n}\hat{x}"
             r"\hat{x}^{\top}\Bigr)\mathrm{d}x",
             lambda x, g, epsilon, D: g @ D(_ln_xhat), lambda x, g, epsilon, dx: g @ _ln_jacobian(x, epsilon) @ dx,
             uses=["MTM8"]),
        Step(r"= \Bigl(\frac{1}{\sigma}\bigl(g - \tfrac{1}{n}(\mathbf{1}^{\top}g)\mathbf{1} - \tfrac{1}{n}"
             r"(\hat{x}^{\top}g)\,\hat{x}\bigr)\Bigr)^{\top}\mathrm{d}x \;\Rightarrow\; \frac{\partial}{\partial x}"
             r"\,g^{\top}\hat{x} = \frac{1}{\sigma}\Bigl(g - \tfrac{1}{n}(\mathbf{1}^{\top}g)\mathbf{1} - \tfrac{1}{n}"
             r"(\hat{x}^{\top}g)\,\hat{x}\Bigr)",
             lambda x, g, epsilon, dx: g @ _ln_jacobian(x, epsilon) @ dx,
             lambda x, g, epsilon, dx: ((g - np.sum(g) / len(x) - (_ln_xhat(x, epsilon) @ g) / len(x)
                                         * _ln_xhat(x, epsilon)) / _ln_sigma(x, epsilon)) @ dx),
    ],
    references=[ref("ba-2016", "§3 Layer normalization")],
    aliases=["layer norm backward", "LayerNorm gradient", "layer norm vjp"],
    notes="The form used in hand-written backward kernels: subtract the mean of g and the projection of g "
          "on x̂, then divide by σ. The layer-norm Jacobian is symmetric, so g goes back through it unchanged in "
          "form. " + _LN_NOTE + " " + _LN_ROWS + "each row of the batch's input gradient is this vector, from "
          "that row's x and g.",
)

def _rms(x, epsilon):
    return np.sqrt(np.mean(x * x) + epsilon)


def _rms_jacobian(x, epsilon):
    r2 = np.mean(x * x) + epsilon
    return (np.eye(len(x)) - np.outer(x, x) / (len(x) * r2)) / np.sqrt(r2)


Derivative(
    id="1ELE",
    title="Jacobian of RMS normalisation (RMSNorm)",
    latex=r"r = \sqrt{\tfrac{1}{n}\lVert x\rVert_2^2 + \epsilon}:\quad \frac{\partial}{\partial x}\Bigl(\gamma\circ"
          r"\frac{x}{r}\Bigr) = \frac{1}{r}\operatorname{diag}(\gamma)\Bigl(I - \frac{x x^{\top}}{n r^2}\Bigr)",
    variables={"x": _LN_X, "gamma": _LN_GAIN,
               "epsilon": Scalar("positive", description="the constant added to the mean square")},
    wrt="x",
    layout="numerator",
    f=lambda x, gamma, epsilon: gamma * x / np.sqrt(np.mean(x * x) + epsilon),
    claimed=lambda x, gamma, epsilon: gamma[:, None] * _rms_jacobian(x, epsilon),
    other_layout=(r"r = \sqrt{\tfrac{1}{n}\lVert x\rVert_2^2 + \epsilon}:\quad \frac{\partial}{\partial x}\Bigl("
                  r"\gamma\circ\frac{x}{r}\Bigr) = \frac{1}{r}\Bigl(I - \frac{x x^{\top}}{n r^2}\Bigr)"
                  r"\operatorname{diag}(\gamma)",
                  lambda x, gamma, epsilon: _rms_jacobian(x, epsilon) * gamma[None, :]),
    symbols={"r": "the root mean square of x, with ε added"},
    also=[Formula(r"\mathrm{d}r = \frac{x^{\top}\mathrm{d}x}{n r}", lambda D: D(_rms),
                  lambda x, epsilon, dx: x @ dx / (len(x) * _rms(x, epsilon)), uses=["48ZE", "FCZG"])],
    derivation=[
        Step(r"\mathrm{d}\Bigl(\gamma\circ\frac{x}{r}\Bigr) = \gamma\circ\Bigl(\frac{\mathrm{d}x}{r} - "
             r"x\,\frac{\mathrm{d}r}{r^2}\Bigr)",
             lambda D: D(), lambda x, gamma, epsilon, dx, D: gamma * (dx / _rms(x, epsilon)
                                                                      - x * D(_rms) / _rms(x, epsilon) ** 2),
             uses=["E341", "8S7R", "48ZE"]),
        Step(r"= \gamma\circ\Bigl(\frac{\mathrm{d}x}{r} - x\,\frac{x^{\top}\mathrm{d}x}{n r^3}\Bigr) \quad "
             r"\Bigl(\mathrm{d}r = \frac{x^{\top}\mathrm{d}x}{n r}\Bigr)",
             lambda x, gamma, epsilon, dx, D: gamma * (dx / _rms(x, epsilon) - x * D(_rms) / _rms(x, epsilon) ** 2),
             lambda x, gamma, epsilon, dx: gamma * (dx / _rms(x, epsilon)
                                                    - x * (x @ dx) / (len(x) * _rms(x, epsilon) ** 3)),
             uses=["48ZE", "FCZG"]),
        Step(r"= \frac{1}{r}\operatorname{diag}(\gamma)\Bigl(I - \frac{x x^{\top}}{n r^2}\Bigr)\mathrm{d}x",
             lambda x, gamma, epsilon, dx: gamma * (dx / _rms(x, epsilon)
                                                    - x * (x @ dx) / (len(x) * _rms(x, epsilon) ** 3)),
             lambda x, gamma, epsilon, dx: np.diag(gamma) @ (np.eye(len(x)) - np.outer(x, x)
                                                             / (len(x) * _rms(x, epsilon) ** 2)) @ dx / _rms(x, epsilon)),
    ],
    aliases=["RMSNorm derivative", "root mean square layer normalisation Jacobian", "RMS norm backward"],
    notes="RMSNorm (Zhang & Sennrich, 2019) is layer normalisation without centring. One sample, as a column "
          "vector x of n features; torch.nn.RMSNorm over the last dimension normalises each row of an N × n batch "
          "separately, so each row has this Jacobian.",
)

Derivative(
    id="NYDV",
    title="Batch normalisation backward pass",
    latex=r"\hat{X} = (X - \mathbf{1}\mu^{\top})\Sigma^{-1},\ \Sigma = \operatorname{diag}\bigl(\operatorname{var}(X) "
          r"+ \epsilon\bigr)^{1/2}:\quad \frac{\partial}{\partial X}\operatorname{tr}(G^{\top}\hat{X}) = \Bigl(G - "
          r"\tfrac{1}{N}\mathbf{1}\mathbf{1}^{\top}G - \tfrac{1}{N}\hat{X}\operatorname{diag}\bigl(\mathbf{1}^{\top}"
          r"(G\circ\hat{X})\bigr)\Bigr)\Sigma^{-1}",
    variables={"X": Matrix("N", "n", description="a batch of N samples, one per row, with n features"),
               "G": Matrix("N", "n", description="the upstream gradient ∂L/∂X̂"),
               "epsilon": _LN_EPS},
    wrt="X",
    layout="denominator",
    f=lambda X, G, epsilon: np.sum(G * _batch_norm(X, epsilon)[0]),
    claimed=lambda X, G, epsilon: (G - G.mean(axis=0) - _batch_norm(X, epsilon)[0]
                                   * np.mean(G * _batch_norm(X, epsilon)[0], axis=0)) / _batch_norm(X, epsilon)[1],
    symbols={r"\hat{X}": "the normalised batch", r"\mu": "the column means of X",
             r"\Sigma": "the diagonal matrix of per-feature standard deviations (population variance plus ε)",
             **ONES},
    sketch="Each column (feature) over the batch of N rows is normalised like a layer-norm vector, whose "
           "Jacobian (1/σ)(I − 11ᵀ/N − x̂x̂ᵀ/N) is symmetric; the derivation applies it to each column.",
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(G^{\top}\hat{X}) = \operatorname{tr}(G^{\top}\mathrm{d}\hat{X})",
             lambda D: D(), lambda X, G, epsilon, D: np.sum(G * D(_bn_xhat)), uses=["U00N", "8CQG", "6Q8H"]),
        Step(r"= \operatorname{tr}\Bigl(G^{\top}\bigl(\mathrm{d}X - \tfrac{1}{N}\mathbf{1}\mathbf{1}^{\top}\mathrm{d}X"
             r" - \tfrac{1}{N}\hat{X}\operatorname{diag}\bigl(\mathbf{1}^{\top}(\hat{X}\circ\mathrm{d}X)\bigr)\bigr)"
             r"\Sigma^{-1}\Bigr)",
             lambda X, G, epsilon, D: np.sum(G * D(_bn_xhat)),
             lambda X, G, epsilon, dX: np.trace(G.T @ _bn_dxhat(X, epsilon, dX)), uses=["MTM8"]),
        Step(r"= \operatorname{tr}\Bigl(\Bigl(\bigl(G - \tfrac{1}{N}\mathbf{1}\mathbf{1}^{\top}G - \tfrac{1}{N}"
             r"\hat{X}\operatorname{diag}\bigl(\mathbf{1}^{\top}(G\circ\hat{X})\bigr)\bigr)\Sigma^{-1}\Bigr)^{\top}"
             r"\mathrm{d}X\Bigr) \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{tr}(G^{\top}\hat{X}) = "
             r"\Bigl(G - \tfrac{1}{N}\mathbf{1}\mathbf{1}^{\top}G - \tfrac{1}{N}\hat{X}\operatorname{diag}\bigl("
             r"\mathbf{1}^{\top}(G\circ\hat{X})\bigr)\Bigr)\Sigma^{-1}",
             lambda X, G, epsilon, dX: np.trace(G.T @ _bn_dxhat(X, epsilon, dX)),
             lambda X, G, epsilon, dX: np.sum((G - np.ones((len(G), len(G))) @ G / len(G) - _bn_xhat(X, epsilon)
                                               @ np.diag(np.sum(G * _bn_xhat(X, epsilon), axis=0)) / len(G))
                                              @ np.diag(1.0 / _batch_norm(X, epsilon)[1]) * dX)),
    ],
    references=[ref("goodfellow-2016", "§8.7.1 Batch Normalization")],
    aliases=["batch norm backward", "BatchNorm gradient", "batch normalization derivative"],
    notes="Training mode: the batch statistics depend on X and are differentiated through. Rows are samples, "
          "columns features; the gain and shift, when present, scale G column-wise first. Batch first, as "
          "PyTorch's batch_norm; for NCHW images each of the C channels is one feature, whose column holds its "
          "N × H × W values.",
)

# --------------------------------------------------------------------------------------------
# Attention, with A = softmax(QKᵀ/√d) V and the softmax taken along each row

_ROW_SOFTMAX_DIFF = r"S\circ\bigl(\mathrm{d}Z - ((S\circ\mathrm{d}Z)\mathbf{1})\mathbf{1}^{\top}\bigr)"
_ATT_DEF = r"A = SV,\ S = \operatorname{softmax}(Z),\ Z = QK^{\top}/\sqrt{d}"
_ATT_SYMBOLS = {"A": "the attention output", "S": "the attention weights, softmax of each row of Z",
                "Z": "the scores", **ONES}
# Tokens as rows, as in PyTorch; one batch element and one head
_ATT_NOTE = ("Tokens as rows, for one batch element and one head: PyTorch's scaled_dot_product_attention takes "
             "arrays of batch × heads × length × dimension and applies this to each trailing matrix.")


def _att_vars(keys="M", **extra):
    return {"Q": Matrix("N", "d", description="the N queries, one per row"),
            "K": Matrix(keys, "d", description=f"the {keys} keys, one per row"),
            "V": Matrix(keys, "p", description=f"the {keys} values, one per row"), **extra}


def _dsoftmax_rows(S, dZ):
    P = S * dZ
    return P - S * P.sum(axis=1, keepdims=True)


def _row_jacobians_times(S, dZ):  # row i: (diag(s_i) − s_i s_iᵀ) dz_i, with the Jacobians formed explicitly
    J = S[:, :, None] * np.eye(S.shape[1])[None] - S[:, :, None] * S[:, None, :]
    return np.einsum("ijk,ik->ij", J, dZ)


def _softmax_Z(Z):
    return softmax(Z)


def _att_S(Q, K):
    return _attention_scores(Q, K)


def _causal_S(Q, K):
    return _causal_scores(Q, K)


def _att_Z(Q, K):  # the scores QKᵀ/√d
    return Q @ K.T / np.sqrt(Q.shape[1])


def _att_A(Q, K, V):
    return _attention_scores(Q, K) @ V


def _att_dZ_grad(Q, K, V, G):  # YF92's ∂L/∂Z at Z = QKᵀ/√d
    S = _attention_scores(Q, K)
    GV = G @ V.T
    return S * (GV - np.sum(S * GV, axis=1, keepdims=True))


_DA_PRODUCT = r"\mathrm{d}A = (\mathrm{d}S)\,V + S\,\mathrm{d}V"
_DS_STEP = r"= \Bigl(" + _ROW_SOFTMAX_DIFF + r"\Bigr)V + S\,\mathrm{d}V"


def _attention_steps(scores, dz_latex, dz, mask=""):
    """dA = dS V + S dV, the row-wise softmax differential, then dZ: the chain shared by the attention
    differentials. ``scores`` gives S from (Q, K); ``dz`` the differential of the scores from the
    perturbations present."""
    return [
        Step(_DA_PRODUCT, lambda D: D(),
             lambda Q, K, V, D: D(scores) @ V + scores(Q, K) @ D(_const_V), uses=["8CQG"]),
        Step(_DS_STEP + mask,
             lambda Q, K, V, D: D(scores) @ V + scores(Q, K) @ D(_const_V),
             lambda Q, K, V, D: _dsoftmax_rows(scores(Q, K), D(_att_Z)) @ V + scores(Q, K) @ D(_const_V),
             uses=["E6R7"]),
        Step(r"\text{with } " + dz_latex,
             lambda Q, K, V, D: _dsoftmax_rows(scores(Q, K), D(_att_Z)) @ V + scores(Q, K) @ D(_const_V),
             dz, uses=["8CQG", "TBSX", "XLL8"]),
    ]


Differential(
    id="E6R7",
    title="Differential of the row-wise softmax",
    latex=r"\mathrm{d}\operatorname{softmax}(Z) = " + _ROW_SOFTMAX_DIFF + r",\quad S = \operatorname{softmax}(Z)",
    variables={"Z": Matrix("N", "M", description="the scores, one row per sample or query")},
    wrt=("Z",),
    f=lambda Z: softmax(Z),
    df=lambda Z, dZ: softmax(Z) * dZ - softmax(Z) * np.sum(softmax(Z) * dZ, axis=1, keepdims=True),
    symbols={"S": "the softmax of each row of Z", "s": "s_i is row i of S, as a column",
             "z": "z_i is row i of Z, as a column", "i": "the row index", **ONES},
    derivation=[
        Step(r"\mathrm{d}s_i = \bigl(\operatorname{diag}(s_i) - s_i s_i^{\top}\bigr)\mathrm{d}z_i \quad "
             r"\text{for each row } i",
             lambda D: D(), lambda Z, dZ: _row_jacobians_times(softmax(Z), dZ), uses=["AH09"]),
        Step(r"= s_i\circ\mathrm{d}z_i - s_i\,(s_i^{\top}\mathrm{d}z_i) \;\Rightarrow\; \mathrm{d}\operatorname{softmax}(Z)"
             r" = " + _ROW_SOFTMAX_DIFF,
             lambda Z, dZ: _row_jacobians_times(softmax(Z), dZ),
             lambda Z, dZ: softmax(Z) * dZ - softmax(Z) * np.sum(softmax(Z) * dZ, axis=1)[:, None],
             lambda Z, dZ: softmax(Z) * (dZ - np.outer(np.sum(softmax(Z) * dZ, axis=1), np.ones(Z.shape[1])))),
    ],
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["softmax over rows differential", "matrix softmax derivative", "batched softmax Jacobian"],
    notes="Batch first: the softmax runs along the last dimension, one row per sample or query, as in PyTorch.",
)

Differential(
    id="RAE7",
    title="Differential of attention with respect to the values",
    latex=_ATT_DEF + r":\quad \mathrm{d}A = S\,\mathrm{d}V",
    variables=_att_vars(G=Matrix("N", "p", description="an upstream gradient ∂L/∂A, for the backward rule")),
    wrt=("V",),
    f=lambda Q, K, V, G: _attention_scores(Q, K) @ V,
    df=lambda Q, K, V, G, dV: _attention_scores(Q, K) @ dV,
    symbols={**_ATT_SYMBOLS, "L": "a loss whose gradient by A is G"},
    derivation=[
        Step(_DA_PRODUCT, lambda D: D(), lambda Q, K, V, dV, D: D(_att_S) @ V + _attention_scores(Q, K) @ dV,
             uses=["8CQG"]),
        Step(r"= S\,\mathrm{d}V \quad (\mathrm{d}S = 0\text{: } S \text{ does not depend on } V)",
             lambda Q, K, V, dV, D: D(_att_S) @ V + _attention_scores(Q, K) @ dV,
             lambda Q, K, V, dV: _attention_scores(Q, K) @ dV, uses=["6Q8H"]),
    ],
    also=[Formula(r"\mathrm{d}L = \operatorname{tr}(G^{\top}S\,\mathrm{d}V) = \operatorname{tr}\bigl((S^{\top}G)^{\top}"
                  r"\mathrm{d}V\bigr) \;\Rightarrow\; \frac{\partial L}{\partial V} = S^{\top}G",
                  lambda G, D: np.sum(G * D()), lambda Q, K, G, dV: np.trace(G.T @ _attention_scores(Q, K) @ dV),
                  lambda Q, K, G, dV: np.sum((_attention_scores(Q, K).T @ G) * dV), uses=["U00N"])],
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention derivative by V", "value gradient attention", "scaled dot-product attention differential"],
    notes="d is the key dimension d_k. The backward pass gives the gradient SᵀG by V for an upstream gradient "
          "G (shown below). " + _ATT_NOTE,
    history=[Change("2026-12-02", "0.2.0", "the record gained the variable G, an upstream gradient; the claim dA = S dV "
                    "is unchanged", "the backward rule SᵀG that the notes quoted is now a checked formula, which "
                    "needs G")],
)

Differential(
    id="AD4Q",
    title="Differential of attention with respect to the queries",
    latex=_ATT_DEF + r":\quad \mathrm{d}A = \Bigl(" + _ROW_SOFTMAX_DIFF + r"\Bigr)V,\quad \mathrm{d}Z = "
          r"\mathrm{d}Q\,K^{\top}/\sqrt{d}",
    variables=_att_vars(),
    wrt=("Q",),
    f=lambda Q, K, V: _attention_scores(Q, K) @ V,
    df=lambda Q, K, V, dQ: _dsoftmax_rows(_attention_scores(Q, K), dQ @ K.T / np.sqrt(Q.shape[1])) @ V,
    symbols=_ATT_SYMBOLS,
    derivation=_attention_steps(
        _att_S, r"\mathrm{d}V = 0,\ \mathrm{d}Z = \mathrm{d}Q\,K^{\top}/\sqrt{d}:\ \mathrm{d}A = \Bigl("
        + _ROW_SOFTMAX_DIFF + r"\Bigr)V",
        lambda Q, K, V, dQ: _dsoftmax_rows(_attention_scores(Q, K), dQ @ K.T / np.sqrt(Q.shape[1])) @ V),
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention derivative by Q", "query gradient attention", "self-attention Jacobian"],
    notes=_ATT_NOTE,
)

Differential(
    id="YYJH",
    title="Differential of attention with respect to the keys",
    latex=_ATT_DEF + r":\quad \mathrm{d}A = \Bigl(" + _ROW_SOFTMAX_DIFF + r"\Bigr)V,\quad \mathrm{d}Z = "
          r"Q\,\mathrm{d}K^{\top}/\sqrt{d}",
    variables=_att_vars(),
    wrt=("K",),
    f=lambda Q, K, V: _attention_scores(Q, K) @ V,
    df=lambda Q, K, V, dK: _dsoftmax_rows(_attention_scores(Q, K), Q @ dK.T / np.sqrt(Q.shape[1])) @ V,
    symbols=_ATT_SYMBOLS,
    derivation=_attention_steps(
        _att_S, r"\mathrm{d}V = 0,\ \mathrm{d}Z = Q\,\mathrm{d}K^{\top}/\sqrt{d}:\ \mathrm{d}A = \Bigl("
        + _ROW_SOFTMAX_DIFF + r"\Bigr)V",
        lambda Q, K, V, dK: _dsoftmax_rows(_attention_scores(Q, K), Q @ dK.T / np.sqrt(Q.shape[1])) @ V),
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention derivative by K", "key gradient attention"],
    notes=_ATT_NOTE,
)

Differential(
    id="5NHC",
    title="Differential of scaled dot-product attention",
    latex=_ATT_DEF + r":\quad \mathrm{d}A = \Bigl(" + _ROW_SOFTMAX_DIFF + r"\Bigr)V + S\,\mathrm{d}V,\quad "
          r"\mathrm{d}Z = \bigl(\mathrm{d}Q\,K^{\top} + Q\,\mathrm{d}K^{\top}\bigr)/\sqrt{d}",
    variables=_att_vars(),
    wrt=("Q", "K", "V"),
    f=lambda Q, K, V: _attention_scores(Q, K) @ V,
    df=lambda Q, K, V, dQ, dK, dV: (
        _dsoftmax_rows(_attention_scores(Q, K), (dQ @ K.T + Q @ dK.T) / np.sqrt(Q.shape[1])) @ V
        + _attention_scores(Q, K) @ dV),
    symbols=_ATT_SYMBOLS,
    derivation=_attention_steps(
        _att_S, r"\mathrm{d}Z = \bigl(\mathrm{d}Q\,K^{\top} + Q\,\mathrm{d}K^{\top}\bigr)/\sqrt{d}",
        lambda Q, K, V, dQ, dK, dV: _dsoftmax_rows(_attention_scores(Q, K), (dQ @ K.T + Q @ dK.T) / np.sqrt(Q.shape[1]))
        @ V + _attention_scores(Q, K) @ dV),
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention differential", "transformer attention derivative", "self-attention gradient",
             "scaled dot product attention Jacobian"],
    notes=_ATT_NOTE,
)

Derivative(
    id="YF92",
    title="Attention backward pass: gradient by the scores",
    latex=r"\frac{\partial}{\partial Z}\operatorname{tr}\bigl(G^{\top}\operatorname{softmax}(Z)V\bigr) = "
          r"S\circ\bigl(GV^{\top} - ((S\circ GV^{\top})\mathbf{1})\mathbf{1}^{\top}\bigr),\quad S = "
          r"\operatorname{softmax}(Z)",
    variables={"Z": Matrix("N", "M", description="the scores, one row per query"),
               "V": Matrix("M", "p", description="the M values, one per row"),
               "G": Matrix("N", "p", description="the upstream gradient ∂L/∂A")},
    wrt="Z",
    layout="denominator",
    f=lambda Z, V, G: np.sum(G * (softmax(Z) @ V)),
    claimed=lambda Z, V, G: softmax(Z) * (G @ V.T - np.sum(softmax(Z) * (G @ V.T), axis=1, keepdims=True)),
    symbols={"S": "the softmax of each row of Z", **ONES},
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(G^{\top}SV) = \operatorname{tr}\bigl(G^{\top}(\mathrm{d}S)V\bigr) = "
             r"\operatorname{tr}\bigl((GV^{\top})^{\top}\mathrm{d}S\bigr)",
             lambda D: D(), lambda Z, V, G, D: np.trace(G.T @ D(_softmax_Z) @ V),
             lambda Z, V, G, D: np.sum((G @ V.T) * D(_softmax_Z)), uses=["U00N", "2ZM7"]),
        Step(r"= \operatorname{tr}\Bigl((GV^{\top})^{\top}\bigl(" + _ROW_SOFTMAX_DIFF + r"\bigr)\Bigr)",
             lambda Z, V, G, D: np.sum((G @ V.T) * D(_softmax_Z)),
             lambda Z, V, G, dZ: np.sum((G @ V.T) * _dsoftmax_rows(softmax(Z), dZ)), uses=["E6R7"]),
        Step(r"= \operatorname{tr}\Bigl(\Bigl(S\circ\bigl(GV^{\top} - ((S\circ GV^{\top})\mathbf{1})\mathbf{1}^{\top}"
             r"\bigr)\Bigr)^{\top}\mathrm{d}Z\Bigr) \;\Rightarrow\; \frac{\partial}{\partial Z}\operatorname{tr}"
             r"\bigl(G^{\top}\operatorname{softmax}(Z)V\bigr) = S\circ\bigl(GV^{\top} - ((S\circ GV^{\top})\mathbf{1})"
             r"\mathbf{1}^{\top}\bigr)",
             lambda Z, V, G, dZ: np.sum((G @ V.T) * _dsoftmax_rows(softmax(Z), dZ)),
             lambda Z, V, G, dZ: np.sum(softmax(Z) * (G @ V.T - np.outer(np.sum(softmax(Z) * (G @ V.T), axis=1),
                                                                        np.ones(Z.shape[1]))) * dZ), uses=["AH09"]),
    ],
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["score gradient", "attention logits gradient", "softmax backward", "flash attention backward dS"],
    notes="The form used by fused attention kernels: with dS standing for the gradient GVᵀ by S, the score "
          "gradient is S ∘ (dS − rowsum(S ∘ dS)). Each row goes back through the softmax Jacobian diag(s) − ssᵀ, "
          "which is symmetric. " + _ATT_NOTE,
)

Derivative(
    id="085F",
    title="Attention backward pass: gradient by the queries",
    latex=_ATT_DEF + r":\quad \frac{\partial}{\partial Q}\operatorname{tr}(G^{\top}A) = \frac{1}{\sqrt{d}}\,"
          r"\Bigl(S\circ\bigl(GV^{\top} - ((S\circ GV^{\top})\mathbf{1})\mathbf{1}^{\top}\bigr)\Bigr)K",
    variables=_att_vars(G=Matrix("N", "p", description="the upstream gradient ∂L/∂A")),
    wrt="Q",
    layout="denominator",
    f=lambda Q, K, V, G: np.sum(G * (_attention_scores(Q, K) @ V)),
    claimed=lambda Q, K, V, G: (_attention_scores(Q, K) * (G @ V.T - np.sum(
        _attention_scores(Q, K) * (G @ V.T), axis=1, keepdims=True))) @ K / np.sqrt(Q.shape[1]),
    symbols={**_ATT_SYMBOLS, "L": "the loss tr(GᵀA)"},
    derivation=[
        Step(r"\mathrm{d}L = \operatorname{tr}(G^{\top}\mathrm{d}A) = \operatorname{tr}\Bigl(G^{\top}\Bigl("
             + _ROW_SOFTMAX_DIFF + r"\Bigr)V\Bigr)",
             lambda D: D(), lambda Q, K, V, G, D: np.sum(G * D(_att_A)),
             lambda Q, K, V, G, dQ: np.sum(G * (_dsoftmax_rows(_attention_scores(Q, K), dQ @ K.T / np.sqrt(Q.shape[1]))
                                                @ V)), uses=["U00N", "AD4Q"]),
        Step(r"= \operatorname{tr}\Bigl(\Bigl(\frac{\partial L}{\partial Z}\Bigr)^{\top}\mathrm{d}Z\Bigr),\quad "
             r"\frac{\partial L}{\partial Z} = S\circ\bigl(GV^{\top} - ((S\circ GV^{\top})\mathbf{1})\mathbf{1}^{\top}"
             r"\bigr),\ \mathrm{d}Z = \mathrm{d}Q\,K^{\top}/\sqrt{d}",
             lambda Q, K, V, G, dQ: np.sum(G * (_dsoftmax_rows(_attention_scores(Q, K), dQ @ K.T / np.sqrt(Q.shape[1]))
                                                @ V)),
             lambda Q, K, V, G, dQ: np.sum(_att_dZ_grad(Q, K, V, G) * (dQ @ K.T)) / np.sqrt(Q.shape[1]),
             uses=["YF92"]),
        Step(r"= \operatorname{tr}\Bigl(\Bigl(\frac{1}{\sqrt{d}}\,\frac{\partial L}{\partial Z}K\Bigr)^{\top}"
             r"\mathrm{d}Q\Bigr) \;\Rightarrow\; \frac{\partial L}{\partial Q} = \frac{1}{\sqrt{d}}\,"
             r"\frac{\partial L}{\partial Z}K",
             lambda Q, K, V, G, dQ: np.sum(_att_dZ_grad(Q, K, V, G) * (dQ @ K.T)) / np.sqrt(Q.shape[1]),
             lambda Q, K, V, G, dQ: np.sum((_att_dZ_grad(Q, K, V, G) @ K / np.sqrt(Q.shape[1])) * dQ)),
    ],
    also=[Formula(r"\mathrm{d}L = \operatorname{tr}\Bigl(\Bigl(\frac{\partial L}{\partial Q}\Bigr)^{\top}"
                  r"\mathrm{d}Q\Bigr) + \operatorname{tr}\Bigl(\Bigl(\frac{\partial L}{\partial K}\Bigr)^{\top}"
                  r"\mathrm{d}K\Bigr) + \operatorname{tr}\Bigl(\Bigl(\frac{\partial L}{\partial V}\Bigr)^{\top}"
                  r"\mathrm{d}V\Bigr),\quad \frac{\partial L}{\partial K} = \frac{1}{\sqrt{d}}\Bigl("
                  r"\frac{\partial L}{\partial Z}\Bigr)^{\top}Q,\ \frac{\partial L}{\partial V} = S^{\top}G",
                  lambda D, dK, dV: D(),
                  lambda Q, K, V, G, dQ, dK, dV: np.sum(_att_dZ_grad(Q, K, V, G) @ K * dQ) / np.sqrt(Q.shape[1])
                  + np.sum(_att_dZ_grad(Q, K, V, G).T @ Q * dK) / np.sqrt(Q.shape[1])
                  + np.sum(_attention_scores(Q, K).T @ G * dV), uses=["RAE7", "YF92"])],
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention")],
    aliases=["attention backward dQ", "query gradient", "gradient of attention by Q"],
    notes=_ATT_NOTE,
)

Differential(
    id="HXNP",
    title="Differential of causal (masked) attention",
    latex=r"A = \operatorname{softmax}\bigl(QK^{\top}/\sqrt{d} + M\bigr)V,\ M_{ij} = -\infty \text{ for } j > i:"
          r"\quad \mathrm{d}A = \Bigl(" + _ROW_SOFTMAX_DIFF + r"\Bigr)V + S\,\mathrm{d}V,\quad \mathrm{d}Z = "
          r"\bigl(\mathrm{d}Q\,K^{\top} + Q\,\mathrm{d}K^{\top}\bigr)/\sqrt{d}",
    variables=_att_vars(keys="N"),
    wrt=("Q", "K", "V"),
    f=lambda Q, K, V: _causal_scores(Q, K) @ V,
    df=lambda Q, K, V, dQ, dK, dV: (
        _dsoftmax_rows(_causal_scores(Q, K), (dQ @ K.T + Q @ dK.T) / np.sqrt(Q.shape[1])) @ V
        + _causal_scores(Q, K) @ dV),
    symbols={"A": "the attention output", "S": "the masked attention weights (lower triangular)",
             "M": "the causal mask", "Z": "the unmasked scores", "i": "the query position",
             "j": "the key position", **ONES},
    sketch="The mask is constant, so it drops out of dZ; S is zero above the diagonal, and S ∘ dZ discards "
           "the masked scores.",
    derivation=_attention_steps(
        _causal_S, r"\mathrm{d}Z = \bigl(\mathrm{d}Q\,K^{\top} + Q\,\mathrm{d}K^{\top}\bigr)/\sqrt{d}",
        lambda Q, K, V, dQ, dK, dV: _dsoftmax_rows(_causal_scores(Q, K), (dQ @ K.T + Q @ dK.T) / np.sqrt(Q.shape[1]))
        @ V + _causal_scores(Q, K) @ dV,
        mask=r"\quad (\text{the mask } M \text{ is constant, so } Z \text{ stands for the unmasked scores})"),
    references=[ref("vaswani-2017", "§3.2.3 Applications of Attention in our Model")],
    aliases=["masked attention derivative", "causal self-attention gradient", "decoder attention differential"],
    notes="The same formula as unmasked attention, with S the masked weights: no separate mask term appears. "
          + _ATT_NOTE + " Its is_causal option applies this mask.",
)

# --------------------------------------------------------------------------------------------
# Activation functions, element-wise: Jacobians are diagonal

_ELEMENTWISE = {"g": "the activation, applied element-wise", "t": "a scalar argument"}
_GELU_C = math.sqrt(2.0 / math.pi)
_ACT_X = Vector("n", description="the pre-activations")
_ACT_X_OFF0 = Vector("n", "nonzero_entries", description="the pre-activations")
_ACT_NOTE = ("Element-wise, so it applies unchanged to a batch of any shape, N × n rows or NCHW images; the "
             "backward pass multiplies the upstream gradient entry by entry by the diagonal's entries, never "
             "forming the matrix.")


def _Phi_x(x):
    return normal_cdf(x)


def _sigmoid_x(x):
    return sigmoid(x)


def _sigmoid_beta_x(x, beta):
    return sigmoid(beta * x)


def _gelu_u(x):  # the tanh argument u of the tanh approximation
    return _GELU_C * (x + 0.044715 * x ** 3)


def _tanh_gelu_u(x):
    return _tanh_u(x)


def _x_times(g, x, dx, dg):  # d(x ∘ g(x)) by the Hadamard product rule: dx ∘ g + x ∘ dg
    return dx * g + x * dg

Derivative(
    id="05QG",
    title="Jacobian of GELU (exact, with the normal distribution function)",
    latex=r"g(t) = t\,\Phi(t):\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\bigl(\Phi(x) + "
          r"x\circ\phi(x)\bigr)",
    variables={"x": _ACT_X},
    wrt="x",
    layout="numerator",
    f=lambda x: x * normal_cdf(x),
    claimed=lambda x: np.diag(normal_cdf(x) + x * normal_pdf(x)),
    symbols={**_ELEMENTWISE, r"\Phi": "the standard normal distribution function, element-wise",
             r"\phi": "the standard normal density, element-wise"},
    derivation=[
        Step(r"\mathrm{d}\bigl(x\circ\Phi(x)\bigr) = \mathrm{d}x\circ\Phi(x) + x\circ\mathrm{d}\Phi(x)",
             lambda D: D(), lambda x, dx, D: _x_times(normal_cdf(x), x, dx, D(_Phi_x)), uses=["E341"]),
        Step(r"= \mathrm{d}x\circ\Phi(x) + x\circ\phi(x)\circ\mathrm{d}x",
             lambda x, dx, D: _x_times(normal_cdf(x), x, dx, D(_Phi_x)), lambda x, dx: dx * normal_cdf(x) + x * normal_pdf(x) * dx),
        Step(r"= \operatorname{diag}\bigl(\Phi(x) + x\circ\phi(x)\bigr)\,\mathrm{d}x",
             lambda x, dx: dx * normal_cdf(x) + x * normal_pdf(x) * dx, lambda x, dx: np.diag(normal_cdf(x) + x * normal_pdf(x)) @ dx),
    ],
    also=[Formula(r"\mathrm{d}\Phi(x) = \phi(x)\circ\mathrm{d}x", lambda D: D(_Phi_x), lambda x, dx: normal_pdf(x) * dx)],
    aliases=["GELU derivative", "Gaussian error linear unit gradient", "gelu backward", "erf GELU derivative"],
    notes="Φ is the standard normal distribution function, (1 + erf(t/√2))/2, and φ its density (the "
          "differential shown below). This is PyTorch's gelu with approximate set to 'none'. " + _ACT_NOTE,
)

Derivative(
    id="X5HF",
    title="Jacobian of GELU (tanh approximation)",
    latex=r"g(t) = \tfrac{1}{2}t\bigl(1 + \tanh u\bigr),\ u = \sqrt{2/\pi}\,(t + 0.044715\,t^3):\quad "
          r"g'(t) = \tfrac{1}{2}(1 + \tanh u) + \tfrac{1}{2}t\,(1 - \tanh^2 u)\sqrt{2/\pi}\,(1 + 0.134145\,t^2),"
          r"\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\bigl(g'(x)\bigr)",
    variables={"x": _ACT_X},
    wrt="x",
    layout="numerator",
    f=lambda x: 0.5 * x * (1.0 + _tanh_u(x)),
    claimed=lambda x: np.diag(0.5 * (1.0 + _tanh_u(x)) + 0.5 * x * (1.0 - _tanh_u(x) ** 2)
                              * math.sqrt(2.0 / math.pi) * (1.0 + 3 * 0.044715 * x * x)),
    symbols={**_ELEMENTWISE, "u": "the tanh argument", r"\pi": "the circle constant", **ONES},
    derivation=[
        Step(r"\mathrm{d}\bigl(\tfrac{1}{2}x\circ(\mathbf{1} + \tanh u)\bigr) = \tfrac{1}{2}\,\mathrm{d}x\circ"
             r"(\mathbf{1} + \tanh u) + \tfrac{1}{2}x\circ\mathrm{d}\tanh u",
             lambda D: D(), lambda x, dx, D: 0.5 * _x_times(1.0 + _tanh_u(x), x, dx, D(_tanh_gelu_u)), uses=["E341"]),
        Step(r"= \tfrac{1}{2}\,\mathrm{d}x\circ(\mathbf{1} + \tanh u) + \tfrac{1}{2}x\circ(\mathbf{1} - \tanh^2 u)"
             r"\circ\mathrm{d}u",
             lambda x, dx, D: 0.5 * _x_times(1.0 + _tanh_u(x), x, dx, D(_tanh_gelu_u)),
             lambda x, dx, D: 0.5 * dx * (1.0 + _tanh_u(x)) + 0.5 * x * (1.0 - _tanh_u(x) ** 2) * D(_gelu_u),
             uses=["0MJ8"]),
        Step(r"= \operatorname{diag}\bigl(g'(x)\bigr)\,\mathrm{d}x \quad \bigl(\mathrm{d}u = \sqrt{2/\pi}\,"
             r"(\mathbf{1} + 0.134145\,x\circ x)\circ\mathrm{d}x\bigr)",
             lambda x, dx, D: 0.5 * dx * (1.0 + _tanh_u(x)) + 0.5 * x * (1.0 - _tanh_u(x) ** 2) * D(_gelu_u),
             lambda x, dx: (0.5 * (1.0 + _tanh_u(x)) + 0.5 * x * (1.0 - _tanh_u(x) ** 2) * _GELU_C
                            * (1.0 + 0.134145 * x * x)) * dx, uses=["48ZE", "9K5K"]),
    ],
    also=[Formula(r"\mathrm{d}u = \sqrt{2/\pi}\,(\mathbf{1} + 0.134145\,x\circ x)\circ\mathrm{d}x", lambda D: D(_gelu_u),
                  lambda x, dx: _GELU_C * (1.0 + 0.134145 * x * x) * dx, uses=["48ZE"])],
    aliases=["approximate GELU derivative", "gelu tanh backward", "GPT-2 gelu gradient"],
    notes="PyTorch's gelu with approximate set to 'tanh'. The coefficient 0.134145 is three times 0.044715 (the power "
          "rule on the cubic term). " + _ACT_NOTE,
)

Derivative(
    id="XW1G",
    title="Jacobian of SiLU (swish)",
    latex=r"g(t) = t\,\sigma(t):\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\Bigl(\sigma(x)\circ"
          r"\bigl(\mathbf{1} + x\circ(\mathbf{1} - \sigma(x))\bigr)\Bigr)",
    variables={"x": _ACT_X},
    wrt="x",
    layout="numerator",
    f=lambda x: x * sigmoid(x),
    claimed=lambda x: np.diag(sigmoid(x) * (1.0 + x * (1.0 - sigmoid(x)))),
    symbols={**_ELEMENTWISE, r"\sigma": "the logistic sigmoid, element-wise", **ONES},
    derivation=[
        Step(r"\mathrm{d}\bigl(x\circ\sigma(x)\bigr) = \mathrm{d}x\circ\sigma(x) + x\circ\mathrm{d}\sigma(x)",
             lambda D: D(), lambda x, dx, D: _x_times(sigmoid(x), x, dx, D(_sigmoid_x)), uses=["E341"]),
        Step(r"= \mathrm{d}x\circ\sigma(x) + x\circ\sigma(x)\circ\bigl(\mathbf{1} - \sigma(x)\bigr)\circ\mathrm{d}x",
             lambda x, dx, D: _x_times(sigmoid(x), x, dx, D(_sigmoid_x)),
             lambda x, dx: dx * sigmoid(x) + x * sigmoid(x) * (1.0 - sigmoid(x)) * dx, uses=["7Z06"]),
        Step(r"= \operatorname{diag}\Bigl(\sigma(x)\circ\bigl(\mathbf{1} + x\circ(\mathbf{1} - \sigma(x))\bigr)\Bigr)"
             r"\mathrm{d}x",
             lambda x, dx: dx * sigmoid(x) + x * sigmoid(x) * (1.0 - sigmoid(x)) * dx,
             lambda x, dx: np.diag(sigmoid(x) * (1.0 + x * (1.0 - sigmoid(x)))) @ dx),
    ],
    aliases=["SiLU derivative", "swish gradient", "sigmoid linear unit derivative"],
    notes=_ACT_NOTE,
)

Derivative(
    id="JR55",
    title="Jacobian of swish with a slope parameter β",
    latex=r"g(t) = t\,\sigma(\beta t):\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\Bigl(\sigma(\beta x)"
          r" + \beta x\circ\sigma(\beta x)\circ\bigl(\mathbf{1} - \sigma(\beta x)\bigr)\Bigr)",
    variables={"x": _ACT_X, "beta": Scalar("positive", description="the slope")},
    wrt="x",
    layout="numerator",
    f=lambda x, beta: x * sigmoid(beta * x),
    claimed=lambda x, beta: np.diag(sigmoid(beta * x) + beta * x * sigmoid(beta * x) * (1.0 - sigmoid(beta * x))),
    symbols={**_ELEMENTWISE, r"\sigma": "the logistic sigmoid, element-wise", **ONES},
    derivation=[
        Step(r"\mathrm{d}\bigl(x\circ\sigma(\beta x)\bigr) = \mathrm{d}x\circ\sigma(\beta x) + x\circ"
             r"\mathrm{d}\sigma(\beta x)",
             lambda D: D(), lambda x, beta, dx, D: _x_times(sigmoid(beta * x), x, dx, D(_sigmoid_beta_x)),
             uses=["E341"]),
        Step(r"= \mathrm{d}x\circ\sigma(\beta x) + \beta x\circ\sigma(\beta x)\circ\bigl(\mathbf{1} - "
             r"\sigma(\beta x)\bigr)\circ\mathrm{d}x",
             lambda x, beta, dx, D: _x_times(sigmoid(beta * x), x, dx, D(_sigmoid_beta_x)),
             lambda x, beta, dx: dx * sigmoid(beta * x) + beta * x * sigmoid(beta * x) * (1.0 - sigmoid(beta * x)) * dx,
             uses=["7Z06", "XLL8"]),
        Step(r"= \operatorname{diag}\Bigl(\sigma(\beta x) + \beta x\circ\sigma(\beta x)\circ\bigl(\mathbf{1} - "
             r"\sigma(\beta x)\bigr)\Bigr)\mathrm{d}x",
             lambda x, beta, dx: dx * sigmoid(beta * x) + beta * x * sigmoid(beta * x) * (1.0 - sigmoid(beta * x)) * dx,
             lambda x, beta, dx: np.diag(sigmoid(beta * x) + beta * x * sigmoid(beta * x)
                                         * (1.0 - sigmoid(beta * x))) @ dx),
    ],
    aliases=["swish beta derivative", "parametric swish gradient"],
    notes="With β equal to 1 it is SiLU; as β grows, swish tends to ReLU. " + _ACT_NOTE,
)

Derivative(
    id="CGGF",
    title="Jacobian of leaky ReLU",
    latex=r"g(t) = \max(\alpha t,\, t):\quad \frac{\partial g(x)}{\partial x} = \operatorname{diag}\bigl([x > 0] + "
          r"\alpha\,[x < 0]\bigr)",
    variables={"x": _ACT_X_OFF0, "alpha": Scalar("unit_interval", description="the slope for negative inputs")},
    wrt="x",
    layout="numerator",
    f=lambda x, alpha: np.maximum(alpha * x, x),
    claimed=lambda x, alpha: np.diag(np.where(x > 0, 1.0, alpha)),
    symbols=_ELEMENTWISE,
    references=[ref("goodfellow-2016", "§6.3.1 Rectified Linear Units and Their Generalizations")],
    aliases=["leaky ReLU derivative", "parametric ReLU gradient", "PReLU Jacobian"],
    notes=IVERSON + " Needs 0 < α < 1 for max(αt, t) to be the leaky ReLU; no derivative at the origin. "
          + _ACT_NOTE,
)

Derivative(
    id="BLBH",
    title="Jacobian of ELU",
    latex=r"g(t) = \begin{cases} t & t > 0 \\ \alpha(\exp t - 1) & t \le 0 \end{cases}:\quad "
          r"\frac{\partial g(x)}{\partial x} = \operatorname{diag}\bigl([x > 0] + \alpha\exp(x)\circ[x < 0]\bigr)",
    variables={"x": _ACT_X_OFF0, "alpha": Scalar("positive", description="the scale for negative inputs")},
    wrt="x",
    layout="numerator",
    f=lambda x, alpha: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0))),
    claimed=lambda x, alpha: np.diag(np.where(x > 0, 1.0, alpha * np.exp(x))),
    symbols=_ELEMENTWISE,
    sketch="Differentiate each branch; for t < 0 the derivative α exp(t) equals g(t) + α.",
    aliases=["ELU derivative", "exponential linear unit gradient"],
    notes=IVERSON + " With α equal to 1 the derivative is continuous at the origin; otherwise the origin is a kink. "
          + _ACT_NOTE,
)

Derivative(
    id="HK3A",
    title="Jacobian of softplus with sharpness β",
    latex=r"g(t) = \tfrac{1}{\beta}\log\bigl(1 + \exp(\beta t)\bigr):\quad \frac{\partial g(x)}{\partial x} = "
          r"\operatorname{diag}\bigl(\sigma(\beta x)\bigr)",
    variables={"x": _ACT_X, "beta": Scalar("positive", description="the sharpness")},
    wrt="x",
    layout="numerator",
    f=lambda x, beta: np.logaddexp(0.0, beta * x) / beta,
    claimed=lambda x, beta: np.diag(1.0 / (1.0 + np.exp(-beta * x))),
    derivation=[
        Step(r"\mathrm{d}\,\tfrac{1}{\beta}\log\bigl(\mathbf{1} + \exp(\beta x)\bigr) = \tfrac{1}{\beta}\,"
             r"\frac{\exp(\beta x)}{\mathbf{1} + \exp(\beta x)}\circ\mathrm{d}(\beta x)",
             lambda D: D(), lambda x, beta, dx: np.exp(beta * x) / (1.0 + np.exp(beta * x)) * (beta * dx) / beta,
             uses=["X064", "MMPZ"]),
        Step(r"= \sigma(\beta x)\circ\mathrm{d}x = \operatorname{diag}\bigl(\sigma(\beta x)\bigr)\,\mathrm{d}x",
             lambda x, beta, dx: np.exp(beta * x) / (1.0 + np.exp(beta * x)) * (beta * dx) / beta,
             lambda x, beta, dx: sigmoid(beta * x) * dx, lambda x, beta, dx: np.diag(sigmoid(beta * x)) @ dx,
             uses=["XLL8"]),
    ],
    symbols={**_ELEMENTWISE, r"\sigma": "the logistic sigmoid, element-wise", **ONES},
    references=[ref("goodfellow-2016", "§3.10 Useful Properties of Common Functions",
                    note="gives d softplus(t)/dt = σ(t), the case β = 1")],
    aliases=["softplus derivative", "softplus beta gradient", "smooth ReLU derivative"],
    notes="PyTorch's Softplus(beta). As β grows, softplus tends to ReLU and its derivative to the step [x > 0]. "
          + _ACT_NOTE,
)

# --------------------------------------------------------------------------------------------
# Regularisers, logistic regression, embeddings


def _frob_sq(W):
    return np.sum(W * W)


def _logit_Xw(w, X):
    return X @ w


def _log_sigmoid_Xw(w, X):
    return -np.logaddexp(0.0, -(X @ w))


def _log_one_minus_sigmoid_Xw(w, X):
    return -np.logaddexp(0.0, X @ w)


def _sigmoid_Xw(w, X):
    return sigmoid(X @ w)


def _neg_logistic_gradient(w, X, y):  # the gradient of −ℓ, −Xᵀ(y − σ(Xw)), by CQPS
    return -X.T @ (y - sigmoid(X @ w))


def _norm_x(x):
    return np.sqrt(x @ x)


def _inv_norm_x(x):
    return 1.0 / np.sqrt(x @ x)


def _embed_diff(W, x, y):  # u = W(x − y)
    return W @ (x - y)


def _triplet_bracket(a, p, n, alpha):
    return np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + alpha


def _sq_ap(a, p):
    return np.sum((a - p) ** 2)


def _sq_an(a, n):
    return np.sum((a - n) ** 2)

Derivative(
    id="7P4J",
    title="Gradient of L2 weight decay",
    latex=r"\frac{\partial}{\partial W}\,\frac{\lambda}{2}\lVert W\rVert_{\mathrm{F}}^2 = \lambda W",
    variables={"W": Matrix("m", "n", description="a weight matrix, in either orientation"),
               "lambda_": Scalar(description="the decay strength")},
    wrt="W",
    layout="denominator",
    f=lambda W, lambda_: 0.5 * lambda_ * np.sum(W * W),
    claimed=lambda W, lambda_: lambda_ * W,
    other_layout=(r"\frac{\partial}{\partial W}\,\frac{\lambda}{2}\lVert W\rVert_{\mathrm{F}}^2 = \lambda W^{\top}",
                  lambda W, lambda_: lambda_ * W.T),
    derivation=[
        Step(r"\mathrm{d}\,\frac{\lambda}{2}\operatorname{tr}(W^{\top}W) = \frac{\lambda}{2}\operatorname{tr}\bigl("
             r"(\mathrm{d}W)^{\top}W + W^{\top}\mathrm{d}W\bigr)",
             lambda D: D(), lambda W, lambda_, dW: 0.5 * lambda_ * np.trace(dW.T @ W + W.T @ dW),
             uses=["XLL8", "U00N", "N72P"]),
        Step(r"= \lambda\operatorname{tr}(W^{\top}\mathrm{d}W) \;\Rightarrow\; \frac{\partial}{\partial W}\,"
             r"\frac{\lambda}{2}\lVert W\rVert_{\mathrm{F}}^2 = \lambda W",
             lambda W, lambda_, dW: 0.5 * lambda_ * np.trace(dW.T @ W + W.T @ dW),
             lambda W, lambda_, dW: lambda_ * np.trace(W.T @ dW), lambda W, lambda_, dW: np.sum(lambda_ * W * dW)),
    ],
    symbolic=lambda W, lambda_: lambda_ / 2 * sp.Trace(W.T * W),
    references=[ref("goodfellow-2016", "§7.1.1 L2 Parameter Regularization"), cookbook(132)],
    aliases=["weight decay gradient", "L2 regularisation gradient", "ridge penalty derivative",
             "Frobenius norm squared penalty"],
    notes="A gradient step therefore shrinks W by the factor 1 − ηλ before the loss gradient is applied. This "
          "gradient is what torch.optim.SGD with weight_decay set to λ adds to each parameter's gradient, whatever "
          "the weight's orientation.",
)

Derivative(
    id="Z443",
    title="Gradient of the Frobenius-norm regulariser ‖W‖_F",
    latex=r"\frac{\partial}{\partial W}\,\lambda\lVert W\rVert_{\mathrm{F}} = "
          r"\frac{\lambda}{\lVert W\rVert_{\mathrm{F}}}W",
    variables={"W": Matrix("m", "n", "nonzero", description="a weight matrix, in either orientation"),
               "lambda_": Scalar(description="the penalty strength")},
    wrt="W",
    layout="denominator",
    f=lambda W, lambda_: lambda_ * np.sqrt(np.sum(W * W)),
    claimed=lambda W, lambda_: lambda_ * W / np.linalg.norm(W),
    derivation=[
        Step(r"\mathrm{d}\,\lambda\bigl(\operatorname{tr}(W^{\top}W)\bigr)^{1/2} = \frac{\lambda\,\mathrm{d}"
             r"\operatorname{tr}(W^{\top}W)}{2\lVert W\rVert_{\mathrm{F}}}",
             lambda D: D(), lambda W, lambda_, D: lambda_ * D(_frob_sq) / (2 * np.linalg.norm(W)), uses=["48ZE"]),
        Step(r"= \frac{\lambda\operatorname{tr}(2W^{\top}\mathrm{d}W)}{2\lVert W\rVert_{\mathrm{F}}} = "
             r"\operatorname{tr}\Bigl(\Bigl(\frac{\lambda}{\lVert W\rVert_{\mathrm{F}}}W\Bigr)^{\top}\mathrm{d}W\Bigr)"
             r" \;\Rightarrow\; \frac{\partial}{\partial W}\,\lambda\lVert W\rVert_{\mathrm{F}} = "
             r"\frac{\lambda}{\lVert W\rVert_{\mathrm{F}}}W",
             lambda W, lambda_, D: lambda_ * D(_frob_sq) / (2 * np.linalg.norm(W)),
             lambda W, lambda_, dW: lambda_ * np.trace(2 * W.T @ dW) / (2 * np.sqrt(np.sum(W * W))),
             lambda W, lambda_, dW: np.sum(lambda_ / np.linalg.norm(W) * W * dW), uses=["Z88W"]),
    ],
    references=[cookbook(132, note="the squared norm; this entry is its square root by the chain rule")],
    aliases=["Frobenius norm gradient", "unsquared norm penalty derivative", "group lasso gradient"],
    notes="Not differentiable at the zero matrix, where the penalty has a kink (its subdifferential is the "
          "unit ball). The penalty and its gradient do not depend on the weight's orientation.",
)

_LOGISTIC = r"\ell(w) = y^{\top}\log\sigma(Xw) + (\mathbf{1} - y)^{\top}\log\bigl(\mathbf{1} - \sigma(Xw)\bigr)"
_LOGISTIC_SYMBOLS = {r"\ell": "the log-likelihood", r"\sigma": "the logistic sigmoid, element-wise", **ONES}


def _logistic_vars():
    return {"w": Vector("n", description="the weights, one per feature"),
            "X": Matrix("N", "n", description="a batch of N samples, one per row"),
            "y": Vector("N", "unit_interval", description="the N labels in [0, 1]")}


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
    variables=_logistic_vars(),
    wrt="w",
    layout="denominator",
    f=_logistic_loglik,
    claimed=lambda w, X, y: X.T @ (y - sigmoid(X @ w)),
    symbols=_LOGISTIC_SYMBOLS,
    derivation=[
        Step(r"\mathrm{d}\ell = y^{\top}\mathrm{d}\log\sigma(Xw) + (\mathbf{1} - y)^{\top}\mathrm{d}\log\bigl("
             r"\mathbf{1} - \sigma(Xw)\bigr)",
             lambda D: D(), lambda w, X, y, D: y @ D(_log_sigmoid_Xw) + (1.0 - y) @ D(_log_one_minus_sigmoid_Xw),
             uses=["9K5K", "8CQG"]),
        Step(r"= y^{\top}\bigl((\mathbf{1} - \sigma(Xw))\circ\mathrm{d}(Xw)\bigr) - (\mathbf{1} - y)^{\top}"
             r"\bigl(\sigma(Xw)\circ\mathrm{d}(Xw)\bigr)",
             lambda w, X, y, D: y @ D(_log_sigmoid_Xw) + (1.0 - y) @ D(_log_one_minus_sigmoid_Xw),
             lambda w, X, y, D: y @ ((1.0 - sigmoid(X @ w)) * D(_logit_Xw)) - (1.0 - y) @ (sigmoid(X @ w) * D(_logit_Xw)),
             uses=["X064", "7Z06"]),
        Step(r"= \bigl(y - \sigma(Xw)\bigr)^{\top}X\,\mathrm{d}w \;\Rightarrow\; \frac{\partial \ell}{\partial w} = "
             r"X^{\top}\bigl(y - \sigma(Xw)\bigr)",
             lambda w, X, y, D: y @ ((1.0 - sigmoid(X @ w)) * D(_logit_Xw)) - (1.0 - y) @ (sigmoid(X @ w) * D(_logit_Xw)),
             lambda w, X, y, dw: (y - sigmoid(X @ w)) @ (X @ dw), uses=["2ZM7"]),
    ],
    references=[ref("goodfellow-2016", "§5.7.1 Probabilistic Supervised Learning")],
    aliases=["logistic regression gradient", "log-likelihood gradient", "sigmoid log likelihood",
             "score function logistic"],
    notes="y holds labels in {0, 1} (or soft targets in [0, 1]); rows of X are samples. The per-sample case "
          "is (y − σ(wᵀx))x. The log-likelihood is summed over the batch; PyTorch's mean-reduced "
          "binary_cross_entropy_with_logits on the logits Xw is its negative divided by N, so its gradient is this "
          "one times −1/N.",
)

Hessian(
    id="DK21",
    title="Hessian of the logistic regression negative log-likelihood",
    latex=r"\frac{\partial^2 (-\ell)}{\partial w\,\partial w^{\top}} = X^{\top}\operatorname{diag}\bigl(\sigma(Xw)\circ"
          r"(\mathbf{1} - \sigma(Xw))\bigr)X,\quad " + _LOGISTIC,
    variables=_logistic_vars(),
    wrt="w",
    f=lambda w, X, y: -_logistic_loglik(w, X, y),
    claimed=lambda w, X, y: _gram(X * np.sqrt(sigmoid(X @ w) * (1.0 - sigmoid(X @ w)))[:, None]),
    symbols=_LOGISTIC_SYMBOLS,
    derivation=[
        Step(r"\mathrm{d}\Bigl(\frac{\partial (-\ell)}{\partial w}\Bigr) = \mathrm{d}\bigl(-X^{\top}(y - \sigma(Xw))\bigr)"
             r" = X^{\top}\mathrm{d}\sigma(Xw)",
             lambda D: D(_neg_logistic_gradient), lambda w, X, D: X.T @ D(_sigmoid_Xw), uses=["CQPS", "2ZM7"]),
        Step(r"= X^{\top}\Bigl(\sigma(Xw)\circ\bigl(\mathbf{1} - \sigma(Xw)\bigr)\circ(X\,\mathrm{d}w)\Bigr)",
             lambda w, X, D: X.T @ D(_sigmoid_Xw),
             lambda w, X, dw: X.T @ (sigmoid(X @ w) * (1.0 - sigmoid(X @ w)) * (X @ dw)), uses=["7Z06"]),
        Step(r"= X^{\top}\operatorname{diag}\bigl(\sigma(Xw)\circ(\mathbf{1} - \sigma(Xw))\bigr)X\,\mathrm{d}w",
             lambda w, X, dw: X.T @ (sigmoid(X @ w) * (1.0 - sigmoid(X @ w)) * (X @ dw)),
             lambda w, X, dw: X.T @ np.diag(sigmoid(X @ w) * (1.0 - sigmoid(X @ w))) @ X @ dw),
    ],
    references=[ref("goodfellow-2016", "§5.7.1 Probabilistic Supervised Learning")],
    aliases=["logistic regression Hessian", "Newton's method logistic", "IRLS weight matrix",
             "Fisher information logistic"],
    notes="Independent of y and positive semidefinite, so the negative log-likelihood is convex. The negative "
          "log-likelihood is summed over the batch; PyTorch's mean-reduced binary_cross_entropy_with_logits on the "
          "logits Xw is this loss divided by N, so its Hessian is this one divided by N.",
)

Derivative(
    id="FSAV",
    title="Gradient of the cosine similarity",
    latex=r"\frac{\partial}{\partial x}\frac{x^{\top}y}{\lVert x\rVert_2\lVert y\rVert_2} = \frac{1}{\lVert x\rVert_2"
          r"\lVert y\rVert_2}\Bigl(y - \frac{x^{\top}y}{\lVert x\rVert_2^2}\,x\Bigr)",
    variables={"x": Vector("n", "nonzero", description="one sample's vector"),
               "y": Vector("n", "nonzero", description="the vector it is compared with")},
    wrt="x",
    layout="denominator",
    f=lambda x, y: x @ y / (np.linalg.norm(x) * np.linalg.norm(y)),
    claimed=lambda x, y: (y - (x @ y) / (x @ x) * x) / (np.sqrt(x @ x) * np.sqrt(y @ y)),
    derivation=[
        Step(r"\mathrm{d}\frac{x^{\top}y}{\lVert x\rVert_2\lVert y\rVert_2} = \frac{y^{\top}\mathrm{d}x}{\lVert x\rVert_2"
             r"\lVert y\rVert_2} + \frac{x^{\top}y}{\lVert y\rVert_2}\,\mathrm{d}\bigl(\lVert x\rVert_2^{-1}\bigr)",
             lambda D: D(), lambda x, y, dx, D: y @ dx / (_norm_x(x) * _norm_x(y)) + (x @ y) / _norm_x(y) * D(_inv_norm_x),
             uses=["8S7R"]),
        Step(r"= \frac{y^{\top}\mathrm{d}x}{\lVert x\rVert_2\lVert y\rVert_2} - \frac{x^{\top}y}{\lVert y\rVert_2}"
             r"\,\frac{x^{\top}\mathrm{d}x}{\lVert x\rVert_2^3}",
             lambda x, y, dx, D: y @ dx / (_norm_x(x) * _norm_x(y)) + (x @ y) / _norm_x(y) * D(_inv_norm_x),
             lambda x, y, dx: y @ dx / (_norm_x(x) * _norm_x(y)) - (x @ y) / _norm_x(y) * (x @ dx) / _norm_x(x) ** 3,
             uses=["48ZE", "PDTH"]),
        Step(r"= \Bigl(\frac{1}{\lVert x\rVert_2\lVert y\rVert_2}\Bigl(y - \frac{x^{\top}y}{\lVert x\rVert_2^2}\,x"
             r"\Bigr)\Bigr)^{\top}\mathrm{d}x \;\Rightarrow\; \frac{\partial}{\partial x}\frac{x^{\top}y}"
             r"{\lVert x\rVert_2\lVert y\rVert_2} = \frac{1}{\lVert x\rVert_2\lVert y\rVert_2}\Bigl(y - "
             r"\frac{x^{\top}y}{\lVert x\rVert_2^2}\,x\Bigr)",
             lambda x, y, dx: y @ dx / (_norm_x(x) * _norm_x(y)) - (x @ y) / _norm_x(y) * (x @ dx) / _norm_x(x) ** 3,
             lambda x, y, dx: ((y - (x @ y) / (x @ x) * x) / (_norm_x(x) * _norm_x(y))) @ dx),
    ],
    references=[cookbook(129, note="the norm gradient used in the quotient rule")],
    aliases=["cosine similarity derivative", "gradient of normalised dot product", "cosine embedding loss gradient"],
    notes="The gradient is orthogonal to x: scaling x does not change the cosine. One pair of vectors, as "
          "columns; PyTorch's cosine_similarity on two N × n batches gives one cosine per row, each with this "
          "gradient by its row of the first batch.",
)

Derivative(
    id="YQC8",
    title="Gradient of the distance between linear embeddings by the embedding matrix",
    latex=r"\frac{\partial}{\partial W}\lVert Wx - Wy\rVert_2 = \frac{W(x - y)(x - y)^{\top}}{\lVert W(x - y)\rVert_2}",
    variables={"W": Matrix("k", "n", description="the embedding's weight, out × in"),
               "x": Vector("n", description="one sample's features"),
               "y": Vector("n", description="another sample's features")},
    wrt="W",
    layout="denominator",
    f=lambda W, x, y: np.linalg.norm(W @ x - W @ y),
    claimed=lambda W, x, y: np.outer(W @ (x - y), x - y) / np.linalg.norm(W @ (x - y)),
    other_layout=(r"\frac{\partial}{\partial W}\lVert Wx - Wy\rVert_2 = \frac{(x - y)(x - y)^{\top}W^{\top}}"
                  r"{\lVert W(x - y)\rVert_2}",
                  lambda W, x, y: np.outer(x - y, x - y) @ W.T / np.linalg.norm(W @ (x - y))),
    derivation=[
        Step(r"\mathrm{d}\lVert W(x - y)\rVert_2 = \frac{(W(x - y))^{\top}\mathrm{d}\bigl(W(x - y)\bigr)}"
             r"{\lVert W(x - y)\rVert_2}",
             lambda D: D(), lambda W, x, y, D: _embed_diff(W, x, y) @ D(_embed_diff) / np.linalg.norm(W @ (x - y)),
             uses=["PDTH"]),
        Step(r"= \frac{(W(x - y))^{\top}\mathrm{d}W\,(x - y)}{\lVert W(x - y)\rVert_2}",
             lambda W, x, y, D: _embed_diff(W, x, y) @ D(_embed_diff) / np.linalg.norm(W @ (x - y)),
             lambda W, x, y, dW: (W @ (x - y)) @ dW @ (x - y) / np.linalg.norm(W @ (x - y)), uses=["2ZM7"]),
        Step(r"= \operatorname{tr}\Bigl(\frac{(x - y)(x - y)^{\top}W^{\top}}{\lVert W(x - y)\rVert_2}\,\mathrm{d}W\Bigr)"
             r" \;\Rightarrow\; \frac{\partial}{\partial W}\lVert Wx - Wy\rVert_2 = \frac{W(x - y)(x - y)^{\top}}"
             r"{\lVert W(x - y)\rVert_2}",
             lambda W, x, y, dW: (W @ (x - y)) @ dW @ (x - y) / np.linalg.norm(W @ (x - y)),
             lambda W, x, y, dW: np.trace(np.outer(x - y, x - y) @ W.T @ dW) / np.linalg.norm(W @ (x - y)),
             lambda W, x, y, dW: np.sum(np.outer(W @ (x - y), x - y) / np.linalg.norm(W @ (x - y)) * dW)),
    ],
    references=[cookbook(129, note="∂‖u − v‖₂/∂u = (u − v)/‖u − v‖₂, the distance between embeddings u, v")],
    aliases=["Euclidean distance between embeddings gradient", "metric learning gradient", "siamese network distance",
             "embedding distance derivative"],
    notes="The gradient of the distance by the embeddings themselves, u the embedding Wx and v the embedding "
          "Wy, is Cookbook (129): the unit vector (u − v)/‖u − v‖₂. Two samples, as columns; W is out × in "
          "like torch.nn.Linear's weight, so batch-first code embeds the rows of an N × n batch X as the rows of XWᵀ, "
          "and a loss over N pairs sums their gradients by W, or averages them when mean-reduced.",
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
    derivation=[
        Step(r"\mathrm{d}\max(0,\, q) = \mathrm{d}q = \mathrm{d}\lVert a - p\rVert_2^2 - \mathrm{d}\lVert a - n\rVert_2^2"
             r" \quad (q > 0,\ \mathrm{d}\alpha = 0)",
             lambda D: D(), lambda D: D(_triplet_bracket), lambda D: D(_sq_ap) - D(_sq_an), uses=["R8DW", "9K5K"]),
        Step(r"= 2(a - p)^{\top}(\mathrm{d}a - \mathrm{d}p) - 2(a - n)^{\top}(\mathrm{d}a - \mathrm{d}n)",
             lambda D: D(_sq_ap) - D(_sq_an),
             lambda a, p, n, da, dp, dn: 2 * (a - p) @ (da - dp) - 2 * (a - n) @ (da - dn), uses=["N72P"]),
        Step(r"= 2(n - p)^{\top}\mathrm{d}a + 2(p - a)^{\top}\mathrm{d}p + 2(a - n)^{\top}\mathrm{d}n",
             lambda a, p, n, da, dp, dn: 2 * (a - p) @ (da - dp) - 2 * (a - n) @ (da - dn),
             lambda a, p, n, da, dp, dn: 2 * (n - p) @ da + 2 * (p - a) @ dp + 2 * (a - n) @ dn),
    ],
    symbols={"q": "the bracket ‖a − p‖² − ‖a − n‖² + α"},
    aliases=["triplet loss gradient", "FaceNet loss derivative", "metric learning triplet", "margin ranking loss"],
    notes="When the bracket is negative (the triplet is already separated by the margin) the loss and its "
          "differential are zero. One triplet, with squared distances as in FaceNet; torch.nn.TripletMarginLoss "
          "differs twice over, using the unsquared distance and taking the mean over a batch of N triplets "
          "stacked as rows, so this is not its per-row term.",
)
