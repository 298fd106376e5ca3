"""Normalisation and activations: forward and reverse rules.

Layer, batch, group and RMS normalisation with their gain and shift, softmax and log-softmax, and the
smooth activations (GELU exact and tanh, SiLU, Mish, GLU), in PyTorch's conventions (batch first,
normalisation over the dimensions PyTorch normalises, batch norm in training mode).
"""
import math

import numpy as np

from identities import ADRule, Formula, Matrix, Tensor, Vector, ref
from identities.entries import logsumexp, normal_cdf, normal_pdf, sigmoid, softmax, softplus


_SIGMA = {r"\sigma": "the logistic sigmoid, applied element-wise"}


ADRule(
    id="45ZM",
    title="Forward and reverse rules of SiLU (swish)",
    primitive="silu",
    latex=r"Y = X\circ\sigma(X)",
    variables={"X": Matrix("N", "K", description="a batch of N rows of K pre-activations (any shape works element-wise)")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: X / (1.0 + np.exp(-X)),
    jvp=(r"\dot{Y} = \bigl(\sigma(X) + Y\circ(1 - \sigma(X))\bigr)\circ\dot{X}",
         lambda X, Y, dX: (sigmoid(X) + Y * (1.0 - sigmoid(X))) * dX),
    vjp=(r"\bar{X} = \bar{Y}\circ\sigma(X)\circ\bigl(1 + X\circ(1 - \sigma(X))\bigr)",
         lambda X, Y_bar: Y_bar * sigmoid(X) * (1.0 + X * (1.0 - sigmoid(X)))),
    symbols=_SIGMA,
    crosswalk={"pytorch": "torch.nn.functional.silu (torch.nn.SiLU)",
               "pytorch_derivative": "silu: self: silu_backward(grad, self), which is grad * sigmoid * (1 + self * (1 - sigmoid)) "
                                     "(infinitely_differentiable_silu_backward when a graph is built); result: auto_element_wise",
               "jax": "jax.nn.silu (alias jax.nn.swish; flax.linen.silu re-exports it): x * sigmoid(x), differentiated "
                      "through, no rule of its own"},
    also=[
        Formula(r"\sigma(X) + Y\circ(1 - \sigma(X)) = \sigma(X)\circ\bigl(1 + X\circ(1 - \sigma(X))\bigr)",
                lambda X: sigmoid(X) + X * sigmoid(X) * (1.0 - sigmoid(X)),
                lambda X: sigmoid(X) * (1.0 + X - X * sigmoid(X))),
    ],
    notes="Element-wise, so the forward and reverse rules multiply by the same derivative, entry by entry, and the shape "
          "of the input (here a batch of rows, N ≠ K) plays no part. The derivative written with the output is the form "
          "shown in the forward rule; PyTorch's backward kernel uses the one in the reverse rule, from the input alone.",
    references=[ref("elfwing-2018", "the SiLU"), ref("goodfellow-2016", "§6.3 Hidden Units", "the sigmoid's derivative, σ(1 − σ), and the product rule")],
    related=["XW1G", "JR55"],
    aliases=["silu backward", "swish backward", "gradient of silu", "vjp of swish", "jvp of silu"],
)


_GELU_C = math.sqrt(2.0 / math.pi)
_GELU_SYMBOLS = {r"\Phi": "the standard normal distribution function, applied element-wise",
                 r"\phi": "the standard normal density, applied element-wise",
                 r"\operatorname{erf}": "the error function, applied element-wise"}
_erfc = np.vectorize(math.erfc, otypes=[float])


def _Phi_X(X):
    return normal_cdf(X)


ADRule(
    id="HQ1B",
    title="Forward and reverse rules of GELU (exact, with erf)",
    primitive="gelu",
    latex=r"Y = X\circ\Phi(X), \quad \Phi(X) = \tfrac{1}{2}\bigl(1 + \operatorname{erf}(X/\sqrt{2})\bigr)",
    variables={"X": Matrix("N", "K", description="a batch of N rows of K pre-activations (any shape works element-wise)")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: 0.5 * X * _erfc(-X / math.sqrt(2.0)),
    jvp=(r"\dot{Y} = \bigl(\Phi(X) + X\circ\phi(X)\bigr)\circ\dot{X}",
         lambda X, dX: (normal_cdf(X) + X * normal_pdf(X)) * dX),
    vjp=(r"\bar{X} = \bar{Y}\circ\bigl(\Phi(X) + X\circ\phi(X)\bigr)",
         lambda X, Y_bar: Y_bar * (normal_cdf(X) + X * normal_pdf(X))),
    symbols=_GELU_SYMBOLS,
    crosswalk={"pytorch": "torch.nn.functional.gelu (approximate='none', the default; torch.nn.GELU)",
               "pytorch_derivative": "gelu: self: gelu_backward(grad, self, approximate); with approximate 'none' the "
                                     "kernel computes grad * (cdf + x * pdf), cdf = 0.5 * (1 + erf(x * M_SQRT1_2)), "
                                     "pdf = kBeta * exp(-0.5 * x * x); result: auto_element_wise",
               "jax": "jax.nn.gelu(x, approximate=False) (flax.linen.gelu re-exports it): 0.5 * x * erfc(-x / √2), "
                      "differentiated through; note that JAX's default is approximate=True, the tanh form"},
    also=[
        Formula(r"\mathrm{d}\Phi(X) = \phi(X)\circ\mathrm{d}X", lambda D: D(_Phi_X), lambda X, dX: normal_pdf(X) * dX),
    ],
    notes="The Gaussian error linear unit weighs its input by the probability that a standard normal variable lies "
          "below it. Element-wise, so both rules multiply entry by entry by the same derivative: the distribution "
          "function plus the input times the density. PyTorch's and JAX's defaults differ: PyTorch's gelu is this "
          "exact form unless approximate is set to 'tanh', JAX's is the tanh form unless approximate is False.",
    sketch="The product rule on the input times the normal distribution function, whose derivative is the normal "
           "density (the differential shown below).",
    related=["05QG", "GMVG"],
    references=[ref("hendrycks-gimpel-2016", "the GELU, exact form")],
    aliases=["gelu backward", "gradient of exact gelu", "erf gelu vjp", "jvp of gelu", "gelu derivative, reverse mode"],
)


def _tanh_U(X):  # tanh of the argument of the tanh approximation
    return np.tanh(_GELU_C * (X + 0.044715 * X ** 3))


def _gelu_U(X):
    return _GELU_C * (X + 0.044715 * X ** 3)


ADRule(
    id="GMVG",
    title="Forward and reverse rules of GELU (tanh approximation)",
    primitive="gelu",
    latex=r"Y = \tfrac{1}{2}X\circ(1 + \tanh U), \quad U = \sqrt{2/\pi}\,(X + 0.044715\,X^{3})",
    variables={"X": Matrix("N", "K", description="a batch of N rows of K pre-activations (any shape works element-wise)")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: 0.5 * X * (1.0 + _tanh_U(X)),
    jvp=(r"\dot{Y} = \Bigl(\tfrac{1}{2}(1 + \tanh U) + \tfrac{1}{2}X\circ(1 - \tanh^{2}U)\circ\sqrt{2/\pi}\,"
         r"(1 + 0.134145\,X^{2})\Bigr)\circ\dot{X}",
         lambda X, dX: (0.5 * (1.0 + _tanh_U(X)) + 0.5 * X * (1.0 - _tanh_U(X) ** 2) * _GELU_C
                        * (1.0 + 0.134145 * X * X)) * dX),
    vjp=(r"\bar{X} = \bar{Y}\circ\Bigl(\tfrac{1}{2}(1 + \tanh U) + \tfrac{1}{2}X\circ(1 - \tanh^{2}U)\circ\sqrt{2/\pi}\,"
         r"(1 + 0.134145\,X^{2})\Bigr)",
         lambda X, Y_bar: Y_bar * (lambda t: 0.5 * (1.0 + t) + 0.5 * X * (1.0 - t * t) * math.sqrt(2.0 / math.pi)
                                   * (1.0 + 3 * 0.044715 * X ** 2))(np.tanh(_gelu_U(X)))),
    symbols={"U": "the argument of the tanh, element-wise", r"\pi": "the circle constant"},
    crosswalk={"pytorch": "torch.nn.functional.gelu(input, approximate='tanh') (torch.nn.GELU('tanh'))",
               "pytorch_derivative": "gelu: self: gelu_backward(grad, self, approximate); with 'tanh' the kernel computes "
                                     "grad * (left_derivative + right_derivative * inner_derivative), left_derivative = "
                                     "0.5 * (1 + tanh_inner), right_derivative = 0.5 * x * (1 - tanh_inner^2), "
                                     "inner_derivative = kBeta * (1 + 3 * kKappa * x^2); result: auto_element_wise",
               "jax": "jax.nn.gelu(x, approximate=True), JAX's default (flax.linen.gelu re-exports it), differentiated "
                      "through"},
    also=[
        Formula(r"\mathrm{d}U = \sqrt{2/\pi}\,(1 + 0.134145\,X^{2})\circ\mathrm{d}X", lambda D: D(_gelu_U),
                lambda X, dX: _GELU_C * (1.0 + 0.134145 * X * X) * dX),
    ],
    notes="Powers of X are taken entry by entry. The coefficient 0.134145 is three times 0.044715, the power rule on the "
          "cubic term. This is the approximation of GPT-2 and BERT, and JAX's default; it differs from the exact GELU by "
          "less than a few parts in ten thousand, so the two rules agree closely but not exactly.",
    sketch="The product rule on half the input times one plus the tanh, then the chain rule through the tanh (whose "
           "derivative is one minus its square) and through the cubic argument (the differential shown below).",
    related=["X5HF", "HQ1B"],
    references=[ref("hendrycks-gimpel-2016", "the tanh approximation of the GELU")],
    aliases=["gelu tanh backward", "approximate gelu gradient", "gelu_new backward", "vjp of tanh gelu",
             "jvp of approximate gelu"],
)


def _tanh_softplus(X):
    return np.tanh(softplus(X))


ADRule(
    id="8PGC",
    title="Forward and reverse rules of Mish",
    primitive="mish",
    latex=r"Y = X\circ T, \quad T = \tanh\bigl(\operatorname{softplus}(X)\bigr), \quad \operatorname{softplus}(X) = \log\bigl(1 + \exp(X)\bigr)",
    variables={"X": Matrix("N", "K", description="a batch of N rows of K pre-activations (any shape works element-wise)")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: X * np.tanh(np.logaddexp(0.0, X)),
    jvp=(r"\dot{Y} = \bigl(T + X\circ\sigma(X)\circ(1 - T^{2})\bigr)\circ\dot{X}",
         lambda X, dX: (lambda T: (T + X * sigmoid(X) * (1.0 - T * T)) * dX)(_tanh_softplus(X))),
    vjp=(r"\bar{X} = \bar{Y}\circ\bigl(T + X\circ\sigma(X)\circ(1 - T^{2})\bigr)",
         lambda X, Y_bar: Y_bar * (lambda s, T: T + X * s * (1.0 - T ** 2))(1.0 / (1.0 + np.exp(-X)),
                                                                          np.tanh(np.log1p(np.exp(X))))),
    symbols={"T": "the tanh of the softplus of X, element-wise", **_SIGMA},
    crosswalk={"pytorch": "torch.nn.functional.mish (torch.nn.Mish)",
               "pytorch_derivative": "mish: self: mish_backward(grad, self), which is grad * (tanh_softplus + x * sigmoid "
                                     "* (1 - tanh_softplus^2)) (infinitely_differentiable_mish_backward when a graph is "
                                     "built); result: auto_element_wise",
               "jax": "jax.nn.mish: x * tanh(softplus(x)), differentiated through; Flax has no Mish of its own "
                      "(flax.linen re-exports jax.nn's activations, jax.nn.mish among them in recent versions)"},
    also=[
        Formula(r"\mathrm{d}\operatorname{softplus}(X) = \sigma(X)\circ\mathrm{d}X", lambda D: D(_softplus_X),
                lambda X, dX: sigmoid(X) * dX),
        Formula(r"T = \frac{\exp(2X) + 2\exp(X)}{\exp(2X) + 2\exp(X) + 2}", lambda X: _tanh_softplus(X),
                lambda X: (np.exp(2 * X) + 2 * np.exp(X)) / (np.exp(2 * X) + 2 * np.exp(X) + 2)),
    ],
    notes="Powers and the exponential are taken entry by entry. The derivative of the softplus is the sigmoid and that "
          "of the tanh is one minus its square, which gives the factor in both rules; the rational form of the tanh of "
          "the softplus below is how some kernels evaluate it with one exponential.",
    sketch="The product rule on the input times the tanh of its softplus, then the chain rule through the tanh and the "
           "softplus.",
    related=["XW1G", "HK3A", "45ZM"],
    references=[ref("misra-2019", "the definition of Mish")],
    aliases=["mish backward", "gradient of mish", "vjp of mish", "jvp of mish", "mish derivative"],
)


def _softplus_X(X):
    return softplus(X)


_GLU_K = 6   # half the width of GLU's input: the input is N × 12, the output N × 6


def _glu_halves(X):
    return X[:, :_GLU_K], X[:, _GLU_K:]


ADRule(
    id="EQ0Q",
    title="Forward and reverse rules of GLU (gated linear unit)",
    primitive="glu",
    latex=r"Y = A\circ\sigma(B), \quad X = \begin{bmatrix} A & B \end{bmatrix}",
    variables={"X": Matrix("N", 12, description="N rows of 12 entries, split into halves A and B of 6 columns")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: X[:, :6] / (1.0 + np.exp(-X[:, 6:])),
    jvp=(r"\dot{Y} = \sigma(B)\circ\dot{A} + Y\circ\bigl(1 - \sigma(B)\bigr)\circ\dot{B}, \quad "
         r"\dot{X} = \begin{bmatrix} \dot{A} & \dot{B} \end{bmatrix}",
         lambda X, Y, dX: sigmoid(X[:, _GLU_K:]) * dX[:, :_GLU_K] + Y * (1.0 - sigmoid(X[:, _GLU_K:])) * dX[:, _GLU_K:]),
    vjp=(r"\bar{X} = \begin{bmatrix} \bar{Y}\circ\sigma(B) & \bar{Y}\circ A\circ\sigma(B)\circ\bigl(1 - \sigma(B)\bigr) "
         r"\end{bmatrix}",
         lambda X, Y_bar: (lambda A, s: np.concatenate([Y_bar * s, Y_bar * A * s * (1.0 - s)], axis=1))(
             X[:, :_GLU_K], sigmoid(X[:, _GLU_K:]))),
    symbols={"A": "the first half of the columns of X (the value)", "B": "the second half of the columns of X (the gate)",
             r"\dot{A}": "the tangent of A, the first half of the columns of the tangent of X",
             r"\dot{B}": "the tangent of B, the second half of the columns of the tangent of X",
             **_SIGMA},
    crosswalk={"pytorch": "torch.nn.functional.glu(input, dim=-1) (torch.nn.GLU)",
               "pytorch_derivative": "glu: self: glu_backward(grad, self, dim), whose halves are sigmoid(b) * grad and "
                                     "(1 - sigmoid(b)) * sigmoid(b) * a * grad; result: glu_jvp(result, self_p, self_t, dim), "
                                     "which is da * sig_b + res * (db - sig_b * db)",
               "jax": "jax.nn.glu(x, axis=-1) (flax.linen.glu re-exports it): split in two along the axis, x1 * sigmoid(x2), "
                      "differentiated through"},
    notes="The input has an even number of columns (here 12, with N from 2 to 5 rows) and is split in two along the last "
          "dimension: the first half is the value, the second the gate. The output has half the columns. The reverse rule "
          "puts the cotangent of the value half and that of the gate half side by side, in the order of the split. The "
          "forward rule written with the output is PyTorch's glu_jvp.",
    sketch="The product rule on the value half times the sigmoid of the gate half, the sigmoid's derivative being the "
           "sigmoid times one minus itself.",
    related=["45ZM", "XW1G"],
    references=[ref("dauphin-2017", "gated linear units")],
    aliases=["glu backward", "gated linear unit gradient", "vjp of glu", "jvp of glu", "glu derivative"],
)


_ROWS = {r"\mathbf{1}": "the vector of K ones", "n": "the row (sample) index", "k": "the column (class) index",
         "j": "a summation index over the K columns"}


def _softmax_row_jacobians(Y):  # row n's Jacobian diag(y_n) − y_n y_nᵀ, formed explicitly: N × K × K
    return Y[:, :, None] * np.eye(Y.shape[1])[None] - Y[:, :, None] * Y[:, None, :]


ADRule(
    id="KR99",
    title="Forward and reverse rules of the softmax",
    primitive="softmax",
    latex=r"Y = \operatorname{softmax}(X), \quad Y_{n,k} = \frac{\exp X_{n,k}}{\sum_{j}\exp X_{n,j}}",
    variables={"X": Matrix("N", "K", description="N rows (samples) of K logits; the softmax is taken along each row")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: softmax(X),
    jvp=(r"\dot{Y} = Y\circ\bigl(\dot{X} - \bigl((Y\circ\dot{X})\mathbf{1}\bigr)\mathbf{1}^{\top}\bigr)",
         lambda Y, dX: Y * (dX - np.sum(Y * dX, axis=1, keepdims=True))),
    vjp=(r"\bar{X} = Y\circ\bigl(\bar{Y} - \bigl((Y\circ\bar{Y})\mathbf{1}\bigr)\mathbf{1}^{\top}\bigr)",
         lambda Y, Y_bar: Y * Y_bar - Y * ((Y * Y_bar) @ np.ones(Y.shape[1]))[:, None]),
    symbols={**_ROWS, "y": "y_n is row n of Y, as a column", "x": "x_n is row n of X, as a column",
             r"\bar{y}": "the cotangent of row n of Y, as a column", r"\bar{x}": "the cotangent of row n of X, as a column"},
    crosswalk={"pytorch": "torch.nn.functional.softmax(input, dim=-1) (torch.softmax; torch.nn.Softmax(dim=-1))",
               "pytorch_derivative": "_softmax: self: _softmax_backward_data(grad, result, dim, self.scalar_type()), "
                                     "which is (grad - (grad * output).sum(dim, keepdim)) * output; result: "
                                     "result * (self_t - logsumexp_jvp(self_p, self_t, {dim}, true))",
               "jax": "jax.nn.softmax(x, axis=-1) (flax.linen.softmax re-exports it), a jax.custom_jvp whose rule is "
                      "y * (x_dot - (y * x_dot).sum(axis, keepdims=True)); reverse mode transposes it"},
    also=[
        Formula(r"\bar{x}_n = \bigl(\operatorname{diag}(y_n) - y_n y_n^{\top}\bigr)\bar{y}_n \quad \text{for each row } n",
                lambda Y, Y_bar: np.einsum("nkj,nj->nk", _softmax_row_jacobians(Y), Y_bar),
                lambda Y, Y_bar: Y * (Y_bar - np.sum(Y * Y_bar, axis=1, keepdims=True)), uses=["AH09"]),
        Formula(r"\bigl((Y\circ\dot{X})\mathbf{1}\bigr)_{n} = \mathrm{d}\log\sum_{j}\exp X_{n,j}",
                lambda Y, dX: np.sum(Y * dX, axis=1),
                lambda D: D(lambda X: logsumexp(X)[:, 0]), uses=["1UJ9"]),
    ],
    notes="Each row is a softmax of its own, so both rules act row by row: the tangent (or cotangent) of a row has its "
          "probability-weighted mean subtracted, then is weighted by the probabilities. The Jacobian of each row is "
          "symmetric, which is why the two rules have the same form; PyTorch and JAX write them from the output alone, "
          "as here. Adding a constant to a row leaves the output unchanged, so the cotangent of every row sums to zero.",
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    related=["AH09", "E6R7", "1UJ9", "WY06"],
    aliases=["softmax backward", "vjp of softmax", "jvp of softmax", "softmax gradient, reverse mode",
             "_softmax_backward_data"],
)


ADRule(
    id="WDZN",
    title="Forward and reverse rules of the log-softmax",
    primitive="log_softmax",
    latex=r"Y = \log\operatorname{softmax}(X), \quad Y_{n,k} = X_{n,k} - \log\sum_{j}\exp X_{n,j}",
    variables={"X": Matrix("N", "K", description="N rows (samples) of K logits; the log-softmax is taken along each row")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: X - logsumexp(X)[:, 0][:, None],
    jvp=(r"\dot{Y} = \dot{X} - \bigl((\exp(Y)\circ\dot{X})\mathbf{1}\bigr)\mathbf{1}^{\top}",
         lambda Y, dX: dX - np.sum(np.exp(Y) * dX, axis=1, keepdims=True)),
    vjp=(r"\bar{X} = \bar{Y} - \exp(Y)\circ\bigl((\bar{Y}\mathbf{1})\mathbf{1}^{\top}\bigr)",
         lambda Y, Y_bar: Y_bar - np.exp(Y) * (Y_bar @ np.ones(Y.shape[1]))[:, None]),
    symbols={**_ROWS, "y": "y_n is row n of Y, as a column", "x": "x_n is row n of X, as a column",
             r"\bar{y}": "the cotangent of row n of Y, as a column", r"\bar{x}": "the cotangent of row n of X, as a column",
             "s": "s_n is row n of the softmax of X, as a column"},
    crosswalk={"pytorch": "torch.nn.functional.log_softmax(input, dim=-1) (torch.nn.LogSoftmax(dim=-1))",
               "pytorch_derivative": "_log_softmax: self: _log_softmax_backward_data(grad, result, dim, self.scalar_type()), "
                                     "which is grad - exp(output) * grad.sum(dim, keepdim); result: "
                                     "self_t - logsumexp_jvp(self_p, self_t, {dim}, true)",
               "jax": "jax.nn.log_softmax(x, axis=-1) (flax.linen.log_softmax re-exports it): x minus a stop-gradient "
                      "maximum minus the log-sum-exp of the shifted x, differentiated through"},
    also=[
        Formula(r"\bar{x}_n = \bigl(I - s_n\mathbf{1}^{\top}\bigr)\bar{y}_n \quad \text{for each row } n",
                lambda X, Y_bar: np.einsum("nkj,nj->nk", np.eye(X.shape[1])[None] - softmax(X)[:, :, None]
                                           * np.ones(X.shape[1])[None, None, :], Y_bar),
                lambda Y, Y_bar: Y_bar - np.exp(Y) * np.sum(Y_bar, axis=1, keepdims=True), uses=["X04W"]),
        Formula(r"\exp(Y) = \operatorname{softmax}(X)", lambda Y: np.exp(Y), lambda X: softmax(X), uses=["KR99"]),
    ],
    notes="Both rules use the output alone, through its exponential, the softmax: forward, a row's tangent has its "
          "probability-weighted mean subtracted; reverse, a row's cotangent has the probabilities times its sum "
          "subtracted. The Jacobian of each row is not symmetric (the transpose of the one in the log-softmax Jacobian "
          "entry appears in the reverse rule), which is why the two rules differ in form. Computed from the output, the "
          "rule never forms the softmax in a way that could underflow.",
    references=[ref("goodfellow-2016", "§6.2.2.3 Softmax Units for Multinoulli Output Distributions")],
    related=["X04W", "1UJ9", "KR99", "1JBY"],
    aliases=["log_softmax backward", "vjp of log softmax", "jvp of log_softmax", "log-softmax gradient, reverse mode",
             "_log_softmax_backward_data"],
)


_LN_EPS = 1e-5   # PyTorch's default eps for layer_norm, group_norm and batch_norm


def _spread_rows(name, floor=0.3):
    """A sampler (`prepare`): rows of ``name`` redrawn until each has variance at least ``floor``, so that σ is far
    from the ε-regularised minimum and the normalisation is well conditioned."""
    def prepare(rng, values):
        X = np.array(values[name], dtype=float)
        for n in range(X.shape[0]):
            while X[n].var() < floor:
                X[n] = rng.standard_normal(X.shape[1])
        values[name] = X
        return values
    return prepare


def _ln_stats(X):  # the normalised rows and each row's σ (biased variance plus ε, square-rooted), N × 1
    centred = X - X.mean(axis=1, keepdims=True)
    sigma = np.sqrt(np.mean(centred ** 2, axis=1, keepdims=True) + _LN_EPS)
    return centred / sigma, sigma


def _ln_sigma(X):
    return _ln_stats(X)[1][:, 0]


def _ln_dxhat(X, dX):  # the tangent of X̂, row by row
    Xh, s = _ln_stats(X)
    return (dX - dX.mean(axis=1, keepdims=True) - Xh * np.mean(Xh * dX, axis=1, keepdims=True)) / s


_LN_SYMBOLS = {
    r"\hat{X}": "X normalised: each row minus its mean, divided by its σ_n",
    r"\dot{\hat{X}}": "the tangent of the normalised X",
    r"\mu": "μ_n is the mean of row n of X", r"\sigma": "σ_n is the standard deviation of row n of X (biased, with ε added to the variance)",
    r"\dot{\sigma}": "the tangent of σ_n",
    r"\Sigma": "the diagonal matrix of σ_1, …, σ_N", r"\epsilon": "the constant 10⁻⁵ added to the variance (PyTorch's default eps)",
    "G": "the cotangent of the normalised X: the output cotangent with column d scaled by γ_d",
    r"\mathbf{1}": "a vector of ones (of the length its subscript says)", "n": "the row (sample) index",
    "d": "the column (feature) index", "j": "a summation index over the D columns",
}

ADRule(
    id="QMM1",
    title="Forward and reverse rules of layer normalisation",
    primitive="layer_norm",
    latex=r"Y = \hat{X}\operatorname{diag}(\gamma) + \mathbf{1}_N\beta^{\top}, \quad \hat{X}_{n,d} = \frac{X_{n,d} - \mu_n}{\sigma_n}, "
          r"\quad \mu_n = \tfrac{1}{D}\sum_{j} X_{n,j}, \quad \sigma_n^{2} = \tfrac{1}{D}\sum_{j}(X_{n,j} - \mu_n)^{2} + \epsilon",
    variables={"X": Matrix("N", "D", description="N rows (samples) of D features; each row is normalised over its D entries"),
               "gamma": Vector("D", description="the gain (PyTorch's weight), one per feature"),
               "beta": Vector("D", description="the shift (PyTorch's bias), one per feature")},
    wrt=("X", "gamma", "beta"),
    outputs=("Y",),
    f=lambda X, gamma, beta: (X - X.mean(axis=1)[:, None]) / np.sqrt(X.var(axis=1) + _LN_EPS)[:, None] * gamma + beta,
    jvp=(r"\dot{Y} = \dot{\hat{X}}\operatorname{diag}(\gamma) + \hat{X}\operatorname{diag}(\dot{\gamma}) + \mathbf{1}_N\dot{\beta}^{\top}, "
         r"\quad \dot{\hat{X}} = \Sigma^{-1}\Bigl(\dot{X} - \tfrac{1}{D}\dot{X}\mathbf{1}_D\mathbf{1}_D^{\top} - \tfrac{1}{D}"
         r"\operatorname{diag}\bigl((\hat{X}\circ\dot{X})\mathbf{1}_D\bigr)\hat{X}\Bigr)",
         lambda X, gamma, dX, dgamma, dbeta: _ln_dxhat(X, dX) * gamma + _ln_stats(X)[0] * dgamma + dbeta),
    vjp=(r"G = \bar{Y}\operatorname{diag}(\gamma), \quad \bar{X} = \Sigma^{-1}\Bigl(G - \tfrac{1}{D}G\mathbf{1}_D\mathbf{1}_D^{\top} - "
         r"\tfrac{1}{D}\operatorname{diag}\bigl((\hat{X}\circ G)\mathbf{1}_D\bigr)\hat{X}\Bigr), \quad "
         r"\bar{\gamma} = (\hat{X}\circ\bar{Y})^{\top}\mathbf{1}_N, \quad \bar{\beta} = \bar{Y}^{\top}\mathbf{1}_N",
         lambda X, gamma, Y_bar: (lambda Xh, s, G: (
             (G - G @ np.ones((G.shape[1], G.shape[1])) / G.shape[1]
              - Xh * ((Xh * G) @ np.ones(G.shape[1]))[:, None] / G.shape[1]) / s,
             (Xh * Y_bar).T @ np.ones(len(Y_bar)),
             Y_bar.T @ np.ones(len(Y_bar))))(*_ln_stats(X), Y_bar * gamma)),
    symbols=_LN_SYMBOLS,
    prepare=_spread_rows("X"),
    conditions="Each row of X has variance at least 0.3 (rows are redrawn until they do), so that the normalisation is "
               "well conditioned at the sample; the rules hold for any X, ε keeping σ positive.",
    sizes=(3, 6),
    crosswalk={"pytorch": "torch.nn.functional.layer_norm(X, (D,), weight=gamma, bias=beta, eps=1e-5) (torch.nn.LayerNorm(D))",
               "pytorch_derivative": "native_layer_norm: input, weight, bias: native_layer_norm_backward(grad, input, "
                                     "normalized_shape, result1, result2, weight, bias, grad_input_mask) (result1 and "
                                     "result2 are the saved mean and rstd); result0: layer_norm_jvp(input_p, input_t, "
                                     "weight_p, weight_t, bias_p, bias_t, result1, result2, normalized_shape)",
               "jax": "no jax.nn function with gain and shift (jax.nn.standardize is the normalisation alone); "
                      "flax.linen.LayerNorm(epsilon=1e-5) (Flax's default epsilon is 1e-6), differentiated through its "
                      "mean and variance"},
    also=[
        Formula(r"\dot{\sigma}_n = \tfrac{1}{D}\sum_{j}\hat{X}_{n,j}\dot{X}_{n,j}", lambda D: D(_ln_sigma),
                lambda X, dX: np.mean(_ln_stats(X)[0] * dX, axis=1), uses=["FCZG"]),
        Formula(r"\sum_{j}\hat{X}_{n,j}^{2} = D\Bigl(1 - \frac{\epsilon}{\sigma_n^{2}}\Bigr)",
                lambda X: np.sum(_ln_stats(X)[0] ** 2, axis=1),
                lambda X: X.shape[1] * (1.0 - _LN_EPS / _ln_sigma(X) ** 2)),
    ],
    notes="The statistics are taken over the last dimension (PyTorch's normalized_shape of one dimension, D), separately for "
          "each of the N rows, with the biased variance; ε is fixed at PyTorch's default. Row by row the reverse rule for X "
          "is the layer-norm backward pass of the Jacobian entries below, applied to the output cotangent scaled by the "
          "gain: subtract its mean and its projection on the normalised row, divide by σ. The gain's cotangent sums the "
          "output cotangent times the normalised input over the batch, and the shift's sums the output cotangent over the "
          "batch: the rows are samples, so parameters collect from every sample.",
    references=[ref("ba-2016", "§3 Layer normalization")],
    related=["FG03", "MTM8", "LAP1", "KBD0"],
    aliases=["layer norm backward", "layernorm vjp", "layer_norm jvp", "gradient of layer normalization with gain and bias",
             "native_layer_norm_backward"],
)


_RMS_EPS = 1e-6   # fixed; PyTorch's rms_norm defaults eps to the machine epsilon of the dtype


def _mean_square_rows(name, floor=0.3):
    """A sampler (`prepare`): rows of ``name`` redrawn until each has mean square at least ``floor``."""
    def prepare(rng, values):
        X = np.array(values[name], dtype=float)
        for n in range(X.shape[0]):
            while np.mean(X[n] ** 2) < floor:
                X[n] = rng.standard_normal(X.shape[1])
        values[name] = X
        return values
    return prepare


def _rms_stats(X):  # X with each row divided by its root mean square, and the root mean squares, N × 1
    r = np.sqrt(np.mean(X * X, axis=1, keepdims=True) + _RMS_EPS)
    return X / r, r


ADRule(
    id="KBD0",
    title="Forward and reverse rules of RMS normalisation",
    primitive="rms_norm",
    latex=r"Y = \hat{X}\operatorname{diag}(\gamma), \quad \hat{X} = R^{-1}X, \quad R = \operatorname{diag}(r), "
          r"\quad r_n^{2} = \tfrac{1}{D}\sum_{j} X_{n,j}^{2} + \epsilon",
    variables={"X": Matrix("N", "D", description="N rows (samples) of D features; each row is normalised over its D entries"),
               "gamma": Vector("D", description="the gain (PyTorch's weight), one per feature")},
    wrt=("X", "gamma"),
    outputs=("Y",),
    f=lambda X, gamma: X / np.sqrt(np.mean(X ** 2, axis=1) + _RMS_EPS)[:, None] * gamma,
    jvp=(r"\dot{Y} = \dot{\hat{X}}\operatorname{diag}(\gamma) + \hat{X}\operatorname{diag}(\dot{\gamma}), \quad "
         r"\dot{\hat{X}} = R^{-1}\Bigl(\dot{X} - \tfrac{1}{D}\operatorname{diag}\bigl((\hat{X}\circ\dot{X})\mathbf{1}_D\bigr)\hat{X}\Bigr)",
         lambda X, gamma, dX, dgamma: (lambda Xh, r: (dX - Xh * np.mean(Xh * dX, axis=1, keepdims=True)) / r * gamma
                                        + Xh * dgamma)(*_rms_stats(X))),
    vjp=(r"G = \bar{Y}\operatorname{diag}(\gamma), \quad \bar{X} = R^{-1}\Bigl(G - \tfrac{1}{D}\operatorname{diag}\bigl("
         r"(\hat{X}\circ G)\mathbf{1}_D\bigr)\hat{X}\Bigr), \quad \bar{\gamma} = (\hat{X}\circ\bar{Y})^{\top}\mathbf{1}_N",
         lambda X, gamma, Y_bar: (lambda Xh, r, G: (
             (G - Xh * ((Xh * G) @ np.ones(G.shape[1]))[:, None] / G.shape[1]) / r,
             (Xh * Y_bar).T @ np.ones(len(Y_bar))))(*_rms_stats(X), Y_bar * gamma)),
    symbols={r"\hat{X}": "X with each row divided by its root mean square r_n", r"\dot{\hat{X}}": "the tangent of the normalised X",
             "R": "the diagonal matrix of the root mean squares", "r": "the vector of the N root mean squares: r_n is that of row n of X, with ε added",
             r"\dot{r}": "the tangent of r_n",
             r"\epsilon": "the constant 10⁻⁶ added to the mean square (passed explicitly as eps)",
             "G": "the cotangent of the normalised X: the output cotangent with column d scaled by γ_d",
             r"\mathbf{1}": "a vector of ones (of the length its subscript says)", "n": "the row (sample) index",
             "j": "a summation index over the D columns"},
    prepare=_mean_square_rows("X"),
    conditions="Each row of X has mean square at least 0.3 (rows are redrawn until they do), so that the normalisation is "
               "well conditioned at the sample; the rules hold for any X, ε keeping r positive.",
    sizes=(3, 6),
    crosswalk={"pytorch": "torch.nn.functional.rms_norm(X, (D,), weight=gamma, eps=1e-6) (torch.nn.RMSNorm(D, eps=1e-6))",
               "pytorch_derivative": "_fused_rms_norm: input, weight: _fused_rms_norm_backward(grads[0], input, normalized_shape, "
                                     "result1, weight, grad_input_mask) (infinitely_differentiable_native_rms_norm_backward "
                                     "when a graph is built); result0: rms_norm_jvp(input_p, input_t, weight_p, weight_t, "
                                     "result1, normalized_shape). On CPU in PyTorch 2.13 (checked) rms_norm is composite: "
                                     "autograd goes through its power, mean, rsqrt and products instead",
               "jax": "no jax.nn function; flax.linen.RMSNorm(epsilon=1e-6) (Flax's default), differentiated through its "
                      "mean square and rsqrt"},
    also=[
        Formula(r"\dot{r}_n = \frac{1}{D}\sum_{j}\hat{X}_{n,j}\dot{X}_{n,j}", lambda D: D(_rms_r),
                lambda X, dX: np.mean(_rms_stats(X)[0] * dX, axis=1), uses=["FCZG"]),
    ],
    notes="Layer normalisation without the centring and without a shift (Zhang and Sennrich, 2019): the statistics are taken "
          "over the last dimension, separately for each of the N rows. Row by row, the reverse rule for X removes from the "
          "gain-scaled output cotangent its projection on the normalised row and divides by the root mean square; the "
          "gain's cotangent sums the output cotangent times the normalised input over the batch. The value of ε is a "
          "choice made here (the one of LLaMA-style models); PyTorch's own default, when eps is left out, is the machine "
          "epsilon of the input's dtype.",
    sketch="The quotient rule on each row divided by its root mean square, whose tangent (shown below) is the mean of the "
           "normalised row times the input tangent; then the product with the gain.",
    related=["1ELE", "QMM1"],
    references=[ref("zhang-sennrich-2019", "the definition of RMSNorm")],
    aliases=["rmsnorm backward", "rms_norm vjp", "rms norm jvp", "gradient of root mean square normalization",
             "RMSNorm gradient by the weight"],
)


def _rms_r(X):
    return _rms_stats(X)[1][:, 0]


def _by_channel(X):  # NCHW -> C × (N·H·W): row c holds every entry of channel c
    return X.transpose(1, 0, 2, 3).reshape(X.shape[1], -1)


def _from_channel(Z, shape):  # the inverse of _by_channel
    N, C, H, W = shape
    return Z.reshape(C, N, H, W).transpose(1, 0, 2, 3)


def _bn_stats(X):  # X̂ and σ, both NCHW-broadcastable: the statistics of each channel over batch, height and width
    mu = X.mean(axis=(0, 2, 3), keepdims=True)
    sigma = np.sqrt(np.mean((X - mu) ** 2, axis=(0, 2, 3), keepdims=True) + _LN_EPS)
    return (X - mu) / sigma, sigma


def _bn_sigma(X):
    return _bn_stats(X)[1].ravel()


def _avg_c(Z):  # the mean over the entries of each channel, broadcast back
    return Z.mean(axis=(0, 2, 3), keepdims=True)


_PER_CHANNEL = lambda v: v[None, :, None, None]   # a per-channel vector, broadcast over N, H and W

_BN_SYMBOLS = {
    r"\hat{X}": "X normalised: each channel minus its batch mean, divided by its σ_c",
    r"\dot{\hat{X}}": "the tangent of the normalised X",
    r"\mu": "μ_c is the mean of channel c over the batch, height and width",
    r"\sigma": "σ_c is the standard deviation of channel c over the batch, height and width (biased, with ε added)",
    r"\dot{\sigma}": "the tangent of σ_c",
    r"\operatorname{avg}": "avg_c(Z) is the mean of Z over the N·H·W entries of channel c",
    "Z": "any array of the shape of X", r"\epsilon": "the constant 10⁻⁵ added to the variance (PyTorch's default eps)",
    "G": "the cotangent of the normalised X: the output cotangent with channel c scaled by γ_c",
    "n": "the sample index", "c": "the channel index", "h": "the row (height) index", "w": "the column (width) index",
}

ADRule(
    id="43SC",
    title="Forward and reverse rules of batch normalisation (training mode)",
    primitive="batch_norm",
    latex=r"Y_{n,c,h,w} = \gamma_c\hat{X}_{n,c,h,w} + \beta_c, \quad \hat{X}_{n,c,h,w} = \frac{X_{n,c,h,w} - \mu_c}{\sigma_c}, "
          r"\quad \mu_c = \operatorname{avg}_c(X), \quad \sigma_c^{2} = \tfrac{1}{NHW}\sum_{n,h,w}(X_{n,c,h,w} - \mu_c)^{2} + \epsilon, "
          r"\quad \operatorname{avg}_c(Z) = \tfrac{1}{NHW}\sum_{n,h,w} Z_{n,c,h,w}",
    variables={"X": Tensor(("N", "C", "H", "W"), description="a batch of N images of C channels, H × W (NCHW)"),
               "gamma": Vector("C", description="the gain (PyTorch's weight), one per channel"),
               "beta": Vector("C", description="the shift (PyTorch's bias), one per channel")},
    wrt=("X", "gamma", "beta"),
    outputs=("Y",),
    f=lambda X, gamma, beta: _from_channel((_by_channel(X) - _by_channel(X).mean(axis=1, keepdims=True))
                                           / np.sqrt(_by_channel(X).var(axis=1, keepdims=True) + _LN_EPS)
                                           * gamma[:, None] + beta[:, None], X.shape),
    jvp=(r"\dot{Y}_{n,c,h,w} = \gamma_c\dot{\hat{X}}_{n,c,h,w} + \dot{\gamma}_c\hat{X}_{n,c,h,w} + \dot{\beta}_c, \quad "
         r"\dot{\hat{X}}_{n,c,h,w} = \frac{1}{\sigma_c}\Bigl(\dot{X}_{n,c,h,w} - \operatorname{avg}_c(\dot{X}) - "
         r"\hat{X}_{n,c,h,w}\operatorname{avg}_c(\hat{X}\circ\dot{X})\Bigr)",
         lambda X, gamma, dX, dgamma, dbeta: (lambda Xh, s: _PER_CHANNEL(gamma) * (dX - _avg_c(dX) - Xh * _avg_c(Xh * dX)) / s
                                              + _PER_CHANNEL(dgamma) * Xh + _PER_CHANNEL(dbeta))(*_bn_stats(X))),
    vjp=(r"G_{n,c,h,w} = \gamma_c\bar{Y}_{n,c,h,w}, \quad \bar{X}_{n,c,h,w} = \frac{1}{\sigma_c}\Bigl(G_{n,c,h,w} - "
         r"\operatorname{avg}_c(G) - \hat{X}_{n,c,h,w}\operatorname{avg}_c(\hat{X}\circ G)\Bigr), \quad "
         r"\bar{\gamma}_c = \sum_{n,h,w}\bar{Y}_{n,c,h,w}\hat{X}_{n,c,h,w}, \quad \bar{\beta}_c = \sum_{n,h,w}\bar{Y}_{n,c,h,w}",
         lambda X, gamma, Y_bar: (lambda Xh, s, Gc: (
             _from_channel((Gc - Gc.mean(axis=1, keepdims=True)
                            - Xh * np.mean(Xh * Gc, axis=1, keepdims=True)) / s, X.shape),
             np.sum(_by_channel(Y_bar) * Xh, axis=1),
             np.sum(_by_channel(Y_bar), axis=1)))(*_ln_rows(_by_channel(X)), _by_channel(Y_bar) * gamma[:, None])),
    symbols=_BN_SYMBOLS,
    crosswalk={"pytorch": "torch.nn.functional.batch_norm(X, None, None, weight=gamma, bias=beta, training=True, eps=1e-5) "
                          "(torch.nn.BatchNorm2d(C) in train mode)",
               "pytorch_derivative": "native_batch_norm (and _batch_norm_with_update, which BatchNorm2d reaches): input, "
                                     "weight, bias: native_batch_norm_backward(grad, input, weight, running_mean, running_var, "
                                     "result1, result2, training, eps, grad_input_mask) (result1 and result2 are the saved "
                                     "mean and invstd); result0: batch_norm_jvp(input_p, input_t, weight_p, weight_t, bias_p, "
                                     "bias_t, running_mean, running_var, result1, result2, training, eps)",
               "jax": "no jax.nn function; flax.linen.BatchNorm(use_running_average=False, axis=1, epsilon=1e-5) for NCHW "
                      "(its default axis is -1, channels last), differentiated through its batch mean and variance"},
    also=[
        Formula(r"\dot{\sigma}_c = \operatorname{avg}_c(\hat{X}\circ\dot{X})", lambda D: D(_bn_sigma),
                lambda X, dX: _avg_c(_bn_stats(X)[0] * dX).ravel(), uses=["FCZG"]),
    ],
    notes="Training mode: each channel is normalised by the mean and biased variance of its N·H·W entries in the batch, and "
          "those statistics are differentiated through, which couples the samples: the cotangent of one image depends on "
          "the whole batch. The running statistics a framework also updates (with the unbiased variance) are buffers, "
          "not outputs, and play no part in the rule; in evaluation mode the statistics are constants and the rule reduces "
          "to a per-channel scaling. The (N, C) case of a batch of feature vectors is the same rule with H and W equal to one.",
    references=[ref("ioffe-szegedy-2015", "the backward pass of batch normalisation"), ref("goodfellow-2016", "§8.7.1 Batch Normalization")],
    related=["NYDV", "QMM1", "DDDP"],
    aliases=["batch norm backward", "batchnorm2d vjp", "native_batch_norm_backward", "gradient of batch normalization by gamma and beta",
             "batch norm jvp, training mode"],
)


def _ln_rows(Z):  # each row of Z normalised (biased variance, ε = 10⁻⁵), and each row's σ
    c = Z - Z.mean(axis=1, keepdims=True)
    s = np.sqrt(np.mean(c * c, axis=1, keepdims=True) + _LN_EPS)
    return c / s, s


_GN_C, _GN_G = 6, 3   # group norm: 6 channels in 3 groups of 2 consecutive channels


def _gn_rows(X):  # N·G × (C/G·H·W): row (n, g) holds every entry of sample n in group g
    return X.reshape(X.shape[0] * _GN_G, -1)


def _gn_stats(X):  # X̂ (NCHW) and σ (N × G), the statistics of each sample's group over its channels, height and width
    Xh, s = _ln_rows(_gn_rows(X))
    return Xh.reshape(X.shape), s.reshape(X.shape[0], _GN_G)


def _gn_sigma(X):
    return _gn_stats(X)[1]


def _avg_ng(Z):  # the mean over the entries of each sample's group, broadcast back
    R = Z.reshape(Z.shape[0] * _GN_G, -1)
    return np.broadcast_to(R.mean(axis=1, keepdims=True), R.shape).reshape(Z.shape)


ADRule(
    id="DDDP",
    title="Forward and reverse rules of group normalisation",
    primitive="group_norm",
    latex=r"Y_{n,c,h,w} = \gamma_c\hat{X}_{n,c,h,w} + \beta_c, \quad \hat{X}_{n,c,h,w} = \frac{X_{n,c,h,w} - \mu_{n,g}}{\sigma_{n,g}} "
          r"\ (c \in g), \quad \mu_{n,g} = \operatorname{avg}_{n,g}(X), \quad \sigma_{n,g}^{2} = \operatorname{avg}_{n,g}\bigl((X - "
          r"\mu)^{2}\bigr) + \epsilon, \quad \operatorname{avg}_{n,g}(Z) = \tfrac{G}{CHW}\sum_{c \in g}\sum_{h,w} Z_{n,c,h,w}",
    variables={"X": Tensor(("N", _GN_C, "H", "W"), description="a batch of N images of 6 channels, H × W (NCHW)"),
               "gamma": Vector(_GN_C, description="the gain (PyTorch's weight), one per channel"),
               "beta": Vector(_GN_C, description="the shift (PyTorch's bias), one per channel")},
    wrt=("X", "gamma", "beta"),
    outputs=("Y",),
    f=lambda X, gamma, beta: ((X.reshape(X.shape[0], _GN_G, -1) - X.reshape(X.shape[0], _GN_G, -1).mean(axis=2, keepdims=True))
                              / np.sqrt(X.reshape(X.shape[0], _GN_G, -1).var(axis=2, keepdims=True) + _LN_EPS)).reshape(X.shape)
                             * gamma[None, :, None, None] + beta[None, :, None, None],
    jvp=(r"\dot{Y}_{n,c,h,w} = \gamma_c\dot{\hat{X}}_{n,c,h,w} + \dot{\gamma}_c\hat{X}_{n,c,h,w} + \dot{\beta}_c, \quad "
         r"\dot{\hat{X}}_{n,c,h,w} = \frac{1}{\sigma_{n,g}}\Bigl(\dot{X}_{n,c,h,w} - \operatorname{avg}_{n,g}(\dot{X}) - "
         r"\hat{X}_{n,c,h,w}\operatorname{avg}_{n,g}(\hat{X}\circ\dot{X})\Bigr) \ (c \in g)",
         lambda X, gamma, dX, dgamma, dbeta: (lambda Xh, s: _PER_CHANNEL(gamma) * (dX - _avg_ng(dX) - Xh * _avg_ng(Xh * dX))
                                              / np.repeat(s, _GN_C // _GN_G, axis=1)[:, :, None, None]
                                              + _PER_CHANNEL(dgamma) * Xh + _PER_CHANNEL(dbeta))(*_gn_stats(X))),
    vjp=(r"\bar{\hat{X}}_{n,c,h,w} = \gamma_c\bar{Y}_{n,c,h,w}, \quad \bar{X}_{n,c,h,w} = \frac{1}{\sigma_{n,g}}\Bigl("
         r"\bar{\hat{X}}_{n,c,h,w} - \operatorname{avg}_{n,g}(\bar{\hat{X}}) - \hat{X}_{n,c,h,w}\operatorname{avg}_{n,g}"
         r"(\hat{X}\circ\bar{\hat{X}})\Bigr) \ (c \in g), \quad \bar{\gamma}_c = \sum_{n,h,w}\bar{Y}_{n,c,h,w}\hat{X}_{n,c,h,w}, "
         r"\quad \bar{\beta}_c = \sum_{n,h,w}\bar{Y}_{n,c,h,w}",
         lambda X, gamma, Y_bar: (lambda Xr, s, P: (
             ((P - P.mean(axis=1, keepdims=True) - Xr * np.mean(Xr * P, axis=1, keepdims=True)) / s).reshape(X.shape),
             np.einsum("nchw,nchw->c", Y_bar, Xr.reshape(X.shape)),
             np.einsum("nchw->c", Y_bar)))(*_ln_rows(_gn_rows(X)), _gn_rows(Y_bar * gamma[None, :, None, None]))),
    symbols={r"\hat{X}": "X normalised: each sample's group minus its mean, divided by its σ_{n,g}",
             r"\dot{\hat{X}}": "the tangent of the normalised X",
             r"\bar{\hat{X}}": "the cotangent of the normalised X: the output cotangent with channel c scaled by γ_c",
             r"\mu": "μ_{n,g} is the mean of group g of sample n over its channels, height and width",
             r"\sigma": "σ_{n,g} is the standard deviation of group g of sample n (biased, with ε added to the variance)",
             r"\dot{\sigma}": "the tangent of σ_{n,g}",
             r"\operatorname{avg}": "avg_{n,g}(Z) is the mean of Z over the (C/G)·H·W entries of group g of sample n",
             "Z": "any array of the shape of X", "G": "the number of groups, 3 here (groups of C/G, two, consecutive channels)",
             "C": "the number of channels, 6 here",
             "g": "a group index, and the set of its C/G consecutive channels",
             r"\epsilon": "the constant 10⁻⁵ added to the variance (PyTorch's default eps)",
             "n": "the sample index", "c": "the channel index", "h": "the row (height) index", "w": "the column (width) index"},
    crosswalk={"pytorch": "torch.nn.functional.group_norm(X, 3, weight=gamma, bias=beta, eps=1e-5) (torch.nn.GroupNorm(3, 6))",
               "pytorch_derivative": "native_group_norm: input, weight, bias: native_group_norm_backward(grads[0], input, "
                                     "result1, result2, weight, N, C, HxW, group, grad_input_mask) "
                                     "(infinitely_differentiable_native_group_norm_backward when a graph is built; result1 "
                                     "and result2 are the saved mean and rstd); result0: group_norm_jvp(input_p, input_t, "
                                     "weight_p, weight_t, bias_p, bias_t, result1, result2, group)",
               "jax": "no jax.nn function; flax.linen.GroupNorm(num_groups=3, epsilon=1e-5) works channels last (NHWC: "
                      "transpose first; its defaults are 32 groups and epsilon 1e-6), differentiated through its statistics"},
    also=[
        Formula(r"\dot{\sigma}_{n,g} = \operatorname{avg}_{n,g}(\hat{X}\circ\dot{X})", lambda D: D(_gn_sigma),
                lambda X, dX: np.mean((_gn_stats(X)[0] * dX).reshape(X.shape[0], _GN_G, -1), axis=2), uses=["FCZG"]),
    ],
    notes="Fixed here: 6 channels in three groups of two consecutive channels, with N, H and W drawn unequal. Each "
          "sample is normalised separately, group by group, over the group's channels and the whole image, with the biased "
          "variance: the layer-norm rule applied to each sample's group, followed by a per-channel gain and shift. The "
          "gain's and shift's cotangents sum over the batch and the image. With one group it is layer normalisation over "
          "C, H and W; with one channel per group it is instance normalisation.",
    references=[ref("wu-he-2018", "the definition of group normalisation"), ref("ba-2016", "§3 Layer normalization", "the rule of layer normalisation, applied to each sample's group of channels")],
    related=["QMM1", "43SC", "MTM8", "FG03"],
    aliases=["group norm backward", "groupnorm vjp", "native_group_norm_backward", "group_norm jvp",
             "gradient of group normalization"],
)
