"""Deep-learning layers: forward and reverse rules.

Linear and convolutional layers, pooling, embeddings and dropout, in PyTorch's conventions: batch first,
samples as rows, the weight of a linear layer out × in, images NCHW. Each forward rule is checked against
central differences and each reverse rule by the adjoint identity, on instances with unequal sizes
everywhere (batch, channels, height and width, non-square kernels, strides, padding and dilation).
Hyper-parameters are fixed in each record and named in its title. Integer and mask inputs (token ids, the
dropout mask) are inputs without a tangent, and max pooling's indices an output without one. The
reverse rules of the convolutions are given in PyTorch's own form too: the input's cotangent as a
transposed convolution, the weight's as a convolution of the input with the output cotangent.
"""
import numpy as np

from identities import ADRule, Formula, Matrix, Tensor, Vector, ref


ONES = {r"\mathbf{1}": "the vector of N ones (the bias is broadcast over the batch)"}


ADRule(
    id="S0AY",
    title="Forward and reverse rules of the linear layer (Y = XWᵀ + b, weight out × in)",
    primitive="linear",
    latex=r"Y = XW^{\top} + \mathbf{1}b^{\top}",
    variables={"X": Matrix("N", "in", description="the input: a batch of N samples as rows, N × in"),
               "W": Matrix("out", "in", description="the weight, out × in, as PyTorch stores it"),
               "b": Vector("out", description="the bias, one per output feature")},
    wrt=("X", "W", "b"),
    outputs=("Y",),
    f=lambda X, W, b: X @ W.T + b,
    jvp=(r"\dot{Y} = \dot{X}W^{\top} + X\dot{W}^{\top} + \mathbf{1}\dot{b}^{\top}",
         lambda X, W, dX, dW, db: dX @ W.T + X @ dW.T + np.outer(np.ones(X.shape[0]), db)),
    vjp=(r"\bar{X} = \bar{Y}W, \quad \bar{W} = \bar{Y}^{\top}X, \quad \bar{b} = \bar{Y}^{\top}\mathbf{1}",
         lambda X, W, Y_bar: (Y_bar @ W, Y_bar.T @ X, Y_bar.T @ np.ones(X.shape[0]))),
    symbols={**ONES, "n": "the sample (row) index, 1 to N", "x": "a sample: x with subscript n is row n of X, as a column",
             r"\bar{y}": "row n of the output cotangent, as a column"},
    crosswalk={"pytorch": "torch.nn.functional.linear (torch.nn.Linear)",
               "pytorch_derivative": "for a 2-D input on CPU and CUDA, linear is composite: addmm(bias, input, weight.t()), "
                                     "whose entry is addmm: self: maybe_multiply(grad, beta.conj()); mat1: mm_mat1_backward(grad, "
                                     "mat2, ...); mat2: mm_mat2_backward(grad, mat1, ...), then t's backward transposes the "
                                     "weight's gradient; the entry linear: input, weight, bias: linear_backward(input, grad, "
                                     "weight, grad_input_mask) serves the backends that dispatch linear itself (MPS, nested tensors)",
               "jax": "flax.linen.Dense (its kernel is in × out, the transpose of PyTorch's weight: Y = XK + b); "
                      "jax.nn has no linear layer, and jax.numpy.dot with a transposed weight gives the same rule"},
    also=[
        Formula(r"\bar{W} = \sum_{n} \bar{y}_{n}x_{n}^{\top}",
                lambda X, Y_bar: Y_bar.T @ X,
                lambda X, Y_bar: sum(np.outer(Y_bar[n], X[n]) for n in range(X.shape[0]))),
        Formula(r"\bar{b} = \sum_{n} \bar{y}_{n}",
                lambda X, Y_bar: Y_bar.T @ np.ones(X.shape[0]),
                lambda Y_bar: Y_bar.sum(axis=0)),
        Formula(r"\bar{W}^{\top} = X^{\top}\bar{Y} \quad (\text{the cotangent of a kernel stored in} \times \text{out, as in Flax})",
                lambda X, Y_bar: (Y_bar.T @ X).T,
                lambda X, Y_bar: X.T @ Y_bar),
        Formula(r"\langle \bar{Y}, \dot{Y}\rangle = \langle \bar{Y}W, \dot{X}\rangle + \langle \bar{Y}^{\top}X, \dot{W}\rangle "
                r"+ \langle \bar{Y}^{\top}\mathbf{1}, \dot{b}\rangle",
                lambda X, W, dX, dW, db, Y_bar: np.sum(Y_bar * (dX @ W.T + X @ dW.T + db)),
                lambda X, W, dX, dW, db, Y_bar: (np.sum((Y_bar @ W) * dX) + np.sum((Y_bar.T @ X) * dW)
                                                 + Y_bar.sum(axis=0) @ db), uses=["GWJ1"]),
    ],
    notes="Shapes: X is N × in (samples as rows), W is out × in, b has out entries, Y and its cotangent are N × out. "
          "The bias is added to every row, so its cotangent sums the output cotangent over the batch, and the weight's "
          "cotangent sums the outer products of each sample's output cotangent with its input: a sum, not a mean, over "
          "the batch (a mean-reduced loss has already put its one over N into the output cotangent). Flax stores the "
          "transposed kernel, in × out, so its cotangent is the transpose of this one.",
    references=[ref("goodfellow-2016", "§6.5.4 Back-Propagation Computation in Fully-Connected MLP"),
                ref("giles-2008", "multiplication")],
    related=["NLTF", "DWWL", "FNLN", "UDVY"],
    aliases=["linear layer backward", "nn.Linear gradient", "dense layer vjp", "fully connected layer backward pass",
             "gradient of XW^T + b", "jvp of linear"],
)


# --------------------------------------------------------------------------------------------
# Convolutions in NumPy, PyTorch's conventions (cross-correlation, zero padding, floor of the output
# size, indices from 0). A window's taps along one axis sit at s·i + d·p in the padded input.


def _taps(n_in, k, s, pad, d):
    """Positions in the padded axis read by output i and kernel tap p: an array k × n_out."""
    n_out = (n_in + 2 * pad - d * (k - 1) - 1) // s + 1
    return s * np.arange(n_out)[None, :] + d * np.arange(k)[:, None]


def _patches(X, kh, kw, s, pad, d):
    """X (N, C, H, W) read through the windows: an array N × C × kh × kw × Ho × Wo."""
    Xp = np.pad(X, ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])))
    r = _taps(X.shape[2], kh, s[0], pad[0], d[0])
    c = _taps(X.shape[3], kw, s[1], pad[1], d[1])
    return Xp[:, :, r[:, None, :, None], c[None, :, None, :]]


def _conv2d(X, K, b, s, pad, d):
    """torch.nn.functional.conv2d(X, K, b, stride=s, padding=pad, dilation=d), K being out × in × kh × kw."""
    return np.einsum("ncpqij,ocpq->noij", _patches(X, K.shape[2], K.shape[3], s, pad, d), K) + b[:, None, None]


def _conv2d_input_vjp(Y_bar, K, shape, s, pad, d):
    """The cotangent of conv2d's input: each output cotangent, times the kernel, added back into the window
    it was read from (a scatter-add into the padded input, whose padding is then cut away)."""
    N, C, H, W = shape
    kh, kw = K.shape[2:]
    r, c = _taps(H, kh, s[0], pad[0], d[0]), _taps(W, kw, s[1], pad[1], d[1])
    Xp_bar = np.zeros((N, C, H + 2 * pad[0], W + 2 * pad[1]))
    np.add.at(Xp_bar, (slice(None), slice(None), r[:, None, :, None], c[None, :, None, :]),
              np.einsum("noij,ocpq->ncpqij", Y_bar, K))
    return Xp_bar[:, :, pad[0]:pad[0] + H, pad[1]:pad[1] + W]


def _conv_transpose2d(X, K, s, pad, d=(1, 1), out_pad=(0, 0)):
    """torch.nn.functional.conv_transpose2d(X, K, stride=s, padding=pad, output_padding=out_pad, dilation=d),
    K being in × out × kh × kw, computed the direct way: zeros put between the input's entries (s − 1 of them),
    a border of d·(k − 1) zeros, a stride-1 correlation with the kernel flipped in space and its two channel
    axes swapped, then the padding cut from both sides and output_padding added at the end."""
    N, C, H, W = X.shape
    _, O, kh, kw = K.shape
    Z = np.zeros((N, C, (H - 1) * s[0] + 1, (W - 1) * s[1] + 1))
    Z[:, :, ::s[0], ::s[1]] = X
    eh, ew = d[0] * (kh - 1), d[1] * (kw - 1)
    Z = np.pad(Z, ((0, 0), (0, 0), (eh, eh), (ew, ew)))
    full = _conv2d(Z, K[:, :, ::-1, ::-1].transpose(1, 0, 2, 3), np.zeros(O), (1, 1), (0, 0), d)
    full = np.pad(full, ((0, 0), (0, 0), (0, out_pad[0]), (0, out_pad[1])))
    Ho = (H - 1) * s[0] - 2 * pad[0] + eh + out_pad[0] + 1
    Wo = (W - 1) * s[1] - 2 * pad[1] + ew + out_pad[1] + 1
    return full[:, :, pad[0]:pad[0] + Ho, pad[1]:pad[1] + Wo]


def _output_padding(n_in, k, s, pad, d):
    """The output_padding that makes conv_transpose2d return an axis of n_in entries from conv2d's output."""
    n_out = (n_in + 2 * pad - d * (k - 1) - 1) // s + 1
    return n_in + 2 * pad - d * (k - 1) - 1 - (n_out - 1) * s


# conv2d's hyper-parameters here: a 3 × 2 kernel, stride (2, 1), padding (1, 2), dilation (2, 1)
_S2, _P2, _D2 = (2, 1), (1, 2), (2, 1)


def _conv2d_weight_vjp_as_conv(X, Y_bar, kh, kw):
    """PyTorch's way to the weight's cotangent: a convolution of the input (batch and channel axes swapped)
    with the output cotangent as its kernel, stride and dilation exchanged, cut to the kernel's size."""
    A = X.transpose(1, 0, 2, 3)            # C × N × H × W
    B = Y_bar.transpose(1, 0, 2, 3)        # O × N × Ho × Wo
    G = _conv2d(A, B, np.zeros(B.shape[0]), _D2, _P2, _S2)   # C × O × ≥kh × ≥kw
    return G[:, :, :kh, :kw].transpose(1, 0, 2, 3)


_CONV2D_INDEX = {"n": "the sample index, 0 to N − 1", "o": "the output-channel index", "c": "the input-channel index",
                 "i": "the output row", "j": "the output column", "p": "the kernel row, 0 to 2", "q": "the kernel column, 0 or 1",
                 "h": "an input row", "w": "an input column",
                 "s_1": "the stride along the height: 2 here", "s_2": "the stride along the width: 1 here",
                 "d_1": "the dilation along the height: 2 here", "d_2": "the dilation along the width: 1 here",
                 "P_1": "the zero padding at the top and bottom: 1 here", "P_2": "the zero padding at the left and right: 2 here",
                 "s": "the stride pair (2, 1)", "P": "the padding pair (1, 2)", "d": "the dilation pair (2, 1)"}

ADRule(
    id="QZ9X",
    title="Forward and reverse rules of conv2d (3 × 2 kernel, stride (2, 1), padding (1, 2), dilation (2, 1), with bias)",
    primitive="conv2d",
    latex=r"Y_{n,o,i,j} = b_{o} + \sum_{c,p,q} K_{o,c,p,q}\,X_{n,c,\,s_1 i + d_1 p - P_1,\; s_2 j + d_2 q - P_2}",
    variables={"X": Tensor(("N", "C", "H", "W"), description="the input images, N × C × H × W (NCHW), zero outside"),
               "K": Tensor(("O", "C", 3, 2), description="the weight (kernel), out-channels × in-channels × 3 × 2"),
               "b": Vector("O", description="the bias, one per output channel")},
    wrt=("X", "K", "b"),
    outputs=("Y",),
    f=lambda X, K, b: _conv2d(X, K, b, _S2, _P2, _D2),
    jvp=(r"\dot{Y} = \operatorname{conv2d}(\dot{X}, K) + \operatorname{conv2d}(X, \dot{K}) + \dot{b}",
         lambda X, K, dX, dK, db: (_conv2d(dX, K, db, _S2, _P2, _D2) + _conv2d(X, dK, np.zeros(K.shape[0]), _S2, _P2, _D2))),
    vjp=(r"\bar{X}_{n,c,h,w} = \sum_{\substack{o,p,q,i,j:\ s_1 i + d_1 p - P_1 = h,\\ s_2 j + d_2 q - P_2 = w}} "
         r"\bar{Y}_{n,o,i,j}K_{o,c,p,q}, \quad "
         r"\bar{K}_{o,c,p,q} = \sum_{n,i,j} \bar{Y}_{n,o,i,j}X_{n,c,\,s_1 i + d_1 p - P_1,\; s_2 j + d_2 q - P_2}, \quad "
         r"\bar{b}_{o} = \sum_{n,i,j} \bar{Y}_{n,o,i,j}",
         lambda X, K, Y_bar: (_conv2d_input_vjp(Y_bar, K, X.shape, _S2, _P2, _D2),
                              np.einsum("noij,ncpqij->ocpq", Y_bar, _patches(X, 3, 2, _S2, _P2, _D2)),
                              Y_bar.sum(axis=(0, 2, 3)))),
    symbols=_CONV2D_INDEX | {r"\operatorname{conv2d}": "this layer's convolution without its bias",
                             r"\operatorname{conv\_transpose2d}": "the transposed convolution of PyTorch, with the same kernel",
                             "a": "the output_padding of that transposed convolution (per axis, 0 or 1 here)",
                             "H_o": "the output height", "W_o": "the output width"},
    crosswalk={"pytorch": "torch.nn.functional.conv2d (torch.nn.Conv2d)",
               "pytorch_derivative": "convolution: input, weight, bias: convolution_backward_symint(grad, input, weight, "
                                     "bias->sym_sizes(), stride, padding, dilation, transposed, output_padding, groups, "
                                     "grad_input_mask); result: convolution_jvp(input_p, input_t, weight_p, weight_t, bias_p, "
                                     "bias_t, ...)",
               "jax": "jax.lax.conv_general_dilated (window_strides, padding as pairs, rhs_dilation for the kernel's "
                      "dilation; dimension_numbers ('NCHW', 'OIHW', 'NCHW') for PyTorch's layout), flax.linen.Conv "
                      "(NHWC by default, kernel H × W × in × out); its transpose rule is again a conv_general_dilated"},
    also=[
        Formula(r"H_o = \left\lfloor \frac{H + 2P_1 - d_1(3 - 1) - 1}{s_1} \right\rfloor + 1, \quad "
                r"W_o = \left\lfloor \frac{W + 2P_2 - d_2(2 - 1) - 1}{s_2} \right\rfloor + 1",
                lambda Y: np.array(Y.shape[2:], dtype=float),
                lambda X: np.array([(X.shape[2] + 2 - 4 - 1) // 2 + 1, (X.shape[3] + 4 - 1 - 1) // 1 + 1], dtype=float)),
        Formula(r"\bar{X} = \operatorname{conv\_transpose2d}(\bar{Y}, K;\ s, P, d, a), \quad "
                r"a = (H + 2P_1 - 2d_1 - 1 - (H_o - 1)s_1,\ W + 2P_2 - d_2 - 1 - (W_o - 1)s_2)",
                lambda X, K, Y_bar: _conv2d_input_vjp(Y_bar, K, X.shape, _S2, _P2, _D2),
                lambda X, K, Y_bar: _conv_transpose2d(Y_bar, K, _S2, _P2, _D2,
                                                      (_output_padding(X.shape[2], 3, 2, 1, 2),
                                                       _output_padding(X.shape[3], 2, 1, 2, 1)))),
        Formula(r"\bar{K}_{o,c} = \operatorname{conv2d}\bigl(X_{:,c}, \bar{Y}_{:,o};\ \text{stride } d,\ "
                r"\text{padding } P,\ \text{dilation } s\bigr)\ \text{cut to } 3 \times 2 "
                r"\quad (\text{the batch summed as channels})",
                lambda X, Y_bar: np.einsum("noij,ncpqij->ocpq", Y_bar, _patches(X, 3, 2, _S2, _P2, _D2)),
                lambda X, Y_bar: _conv2d_weight_vjp_as_conv(X, Y_bar, 3, 2)),
        Formula(r"\langle \bar{Y}, \dot{Y}\rangle = \langle \bar{X}, \dot{X}\rangle + \langle \bar{K}, \dot{K}\rangle "
                r"+ \langle \bar{b}, \dot{b}\rangle",
                lambda X, K, dX, dK, db, Y_bar: np.sum(Y_bar * (_conv2d(dX, K, db, _S2, _P2, _D2)
                                                               + _conv2d(X, dK, np.zeros(K.shape[0]), _S2, _P2, _D2))),
                lambda X, K, dX, dK, db, Y_bar: (np.sum(_conv_transpose2d(Y_bar, K, _S2, _P2, _D2,
                                                                          (_output_padding(X.shape[2], 3, 2, 1, 2), 0)) * dX)
                                                 + np.sum(_conv2d_weight_vjp_as_conv(X, Y_bar, 3, 2) * dK)
                                                 + Y_bar.sum(axis=(0, 2, 3)) @ db)),
    ],
    sizes=(3, 8),
    notes="Shapes: X is N × C × H × W, K is O × C × 3 × 2, b has O entries, Y and its cotangent are N × O × H_o × W_o. "
          "PyTorch's conv2d is a cross-correlation (the kernel is not flipped) and reads zeros outside the input; "
          "stride 2 along the height drops the last row when the window does not fit, and that row's cotangent is zero. "
          "The bias is added at every pixel, so its cotangent sums the output cotangent over the batch and the "
          "positions. PyTorch's convolution_backward computes the input's cotangent as a transposed convolution of "
          "the output cotangent with the same kernel (its output_padding restores the height lost to the floor), "
          "and the weight's as a convolution of the input with the output cotangent, stride and dilation exchanged: "
          "both forms are checked here against the scatter and sum forms of the reverse rule.",
    sketch="Y is bilinear in the input and the kernel and affine in the bias, so the forward rule is the product rule. "
           "Each output entry reads one window of the input: the reverse rule sends each output cotangent, times the "
           "kernel tap, back to the input entry that tap read, and, times that input entry, to the tap.",
    references=[ref("dumoulin-visin-2016", "output sizes, strides, padding and dilation"), ref("goodfellow-2016", "§9.5 Variants of the Basic Convolution Function")],
    related=["S0AY"],
    aliases=["conv2d backward", "gradient of a convolution", "convolution weight gradient", "conv2d vjp",
             "backprop through a conv layer", "convolution backward as transposed convolution"],
)


# conv1d's hyper-parameters here: a kernel of 3 taps, stride 2, padding 1, dilation 2


def _conv1d(X, K, b):
    """torch.nn.functional.conv1d(X, K, b, stride=2, padding=1, dilation=2), X being N × C × L, K out × in × 3."""
    t = _taps(X.shape[2], 3, 2, 1, 2)                      # 3 × L_out positions in the padded input
    return np.einsum("nckl,ock->nol", np.pad(X, ((0, 0), (0, 0), (1, 1)))[:, :, t], K) + b[:, None]


def _conv1d_vjp(X, K, Y_bar):
    t = _taps(X.shape[2], 3, 2, 1, 2)
    Xp_bar = np.zeros((X.shape[0], X.shape[1], X.shape[2] + 2))
    np.add.at(Xp_bar, (slice(None), slice(None), t), np.einsum("nol,ock->nckl", Y_bar, K))
    K_bar = np.einsum("nol,nckl->ock", Y_bar, np.pad(X, ((0, 0), (0, 0), (1, 1)))[:, :, t])
    return Xp_bar[:, :, 1:-1], K_bar, Y_bar.sum(axis=(0, 2))


ADRule(
    id="M2RJ",
    title="Forward and reverse rules of conv1d (3-tap kernel, stride 2, padding 1, dilation 2, with bias)",
    primitive="conv1d",
    latex=r"Y_{n,o,l} = b_{o} + \sum_{c,k} K_{o,c,k}\,X_{n,c,\,2l + 2k - 1}",
    variables={"X": Tensor(("N", "C", "L"), description="the input sequences, N × C × L (channels before length), "
                                                        "zero outside"),
               "K": Tensor(("O", "C", 3), description="the weight (kernel), out-channels × in-channels × 3 taps"),
               "b": Vector("O", description="the bias, one per output channel")},
    wrt=("X", "K", "b"),
    outputs=("Y",),
    f=lambda X, K, b: _conv1d(X, K, b),
    jvp=(r"\dot{Y}_{n,o,l} = \dot{b}_{o} + \sum_{c,k} \bigl(\dot{K}_{o,c,k}X_{n,c,\,2l + 2k - 1} "
         r"+ K_{o,c,k}\dot{X}_{n,c,\,2l + 2k - 1}\bigr)",
         lambda X, K, dX, dK, db: _conv1d(dX, K, db) + _conv1d(X, dK, np.zeros(K.shape[0]))),
    vjp=(r"\bar{X}_{n,c,m} = \sum_{\substack{o,k,l:\\ 2l + 2k - 1 = m}} \bar{Y}_{n,o,l}K_{o,c,k}, \quad "
         r"\bar{K}_{o,c,k} = \sum_{n,l} \bar{Y}_{n,o,l}X_{n,c,\,2l + 2k - 1}, \quad "
         r"\bar{b}_{o} = \sum_{n,l} \bar{Y}_{n,o,l}",
         lambda X, K, Y_bar: _conv1d_vjp(X, K, Y_bar)),
    symbols={"n": "the sample index, from 0", "o": "the output-channel index", "c": "the input-channel index",
             "l": "the output position, from 0", "k": "the kernel tap, 0 to 2", "m": "an input position, from 0",
             "L_o": "the output length"},
    crosswalk={"pytorch": "torch.nn.functional.conv1d (torch.nn.Conv1d)",
               "pytorch_derivative": "convolution: input, weight, bias: convolution_backward_symint(grad, input, weight, "
                                     "bias->sym_sizes(), stride, padding, dilation, transposed, output_padding, groups, "
                                     "grad_input_mask); result: convolution_jvp(...)",
               "jax": "jax.lax.conv_general_dilated with one spatial axis (window_strides (2,), padding [(1, 1)], "
                      "rhs_dilation (2,), dimension_numbers ('NCH', 'OIH', 'NCH')), or flax.linen.Conv with a "
                      "kernel_size of one entry (channels last)"},
    also=[
        Formula(r"L_o = \left\lfloor \frac{L + 2 \cdot 1 - 2(3 - 1) - 1}{2} \right\rfloor + 1",
                lambda Y: float(Y.shape[2]), lambda X: float((X.shape[2] - 3) // 2 + 1)),
        Formula(r"\langle \bar{Y}, \dot{Y}\rangle = \langle \bar{X}, \dot{X}\rangle + \langle \bar{K}, \dot{K}\rangle "
                r"+ \langle \bar{b}, \dot{b}\rangle",
                lambda X, K, dX, dK, db, Y_bar: np.sum(Y_bar * (_conv1d(dX, K, db) + _conv1d(X, dK, np.zeros(K.shape[0])))),
                lambda X, K, dX, dK, db, Y_bar: sum(np.sum(g * t) for g, t in zip(_conv1d_vjp(X, K, Y_bar), (dX, dK, db)))),
    ],
    sizes=(3, 8),
    notes="Shapes: X is N × C × L, K is O × C × 3, b has O entries, Y and its cotangent are N × O × L_o. With stride 2, "
          "padding 1 and dilation 2, output position l reads the input at positions 2l − 1, 2l + 1 and 2l + 3 (zero "
          "outside). Stride and dilation both 2 read only the odd positions: the taps of neighbouring outputs overlap, "
          "so an odd input entry collects cotangent from up to three outputs, while every even entry (position 0 "
          "included) is never read and its cotangent is zero, as in PyTorch. The bias's cotangent sums over the "
          "batch and the positions. PyTorch computes the cotangents in convolution_backward, the same kernel as for "
          "conv2d, on one spatial axis: the input's as a transposed convolution, the weight's as a convolution of the "
          "input with the output cotangent.",
    sketch="Bilinear in input and kernel, affine in the bias: the forward rule is the product rule; the reverse rule "
           "sends each output cotangent, times the tap, back to the input entry that tap read, and times that entry to "
           "the tap.",
    references=[ref("dumoulin-visin-2016", "output sizes, strides, padding and dilation"), ref("goodfellow-2016", "§9.5 Variants of the Basic Convolution Function")],
    related=["QZ9X", "S0AY"],
    aliases=["conv1d backward", "gradient of a 1d convolution", "dilated convolution backward", "conv1d vjp",
             "temporal convolution gradient"],
)


def _conv_transpose2d_s2p1(X, K, b):
    """torch.nn.functional.conv_transpose2d(X, K, b, stride=2, padding=1), K being in × out × 3 × 2."""
    return _conv_transpose2d(X, K, (2, 2), (1, 1)) + b[:, None, None]


ADRule(
    id="ZL9F",
    title="Forward and reverse rules of conv_transpose2d (3 × 2 kernel, stride 2, padding 1, with bias)",
    primitive="conv_transpose2d",
    latex=r"Y_{n,o,h,w} = b_{o} + \sum_{\substack{c,p,q,i,j:\ 2i + p - 1 = h,\\ 2j + q - 1 = w}} X_{n,c,i,j}K_{c,o,p,q}",
    variables={"X": Tensor(("N", "C", "H", "W"), description="the input, N × C × H × W (C input channels)"),
               "K": Tensor(("C", "O", 3, 2), description="the weight, in-channels × out-channels × 3 × 2 (PyTorch's "
                                                        "layout for a transposed convolution: in before out)"),
               "b": Vector("O", description="the bias, one per output channel")},
    wrt=("X", "K", "b"),
    outputs=("Y",),
    f=lambda X, K, b: _conv_transpose2d_s2p1(X, K, b),
    jvp=(r"\dot{Y} = \operatorname{conv\_transpose2d}(\dot{X}, K) + \operatorname{conv\_transpose2d}(X, \dot{K}) + \dot{b}",
         lambda X, K, dX, dK, db: _conv_transpose2d_s2p1(dX, K, db) + _conv_transpose2d_s2p1(X, dK, np.zeros(K.shape[1]))),
    vjp=(r"\bar{X}_{n,c,i,j} = \sum_{o,p,q} K_{c,o,p,q}\bar{Y}_{n,o,\,2i + p - 1,\; 2j + q - 1}, \quad "
         r"\bar{K}_{c,o,p,q} = \sum_{n,i,j} X_{n,c,i,j}\bar{Y}_{n,o,\,2i + p - 1,\; 2j + q - 1}, \quad "
         r"\bar{b}_{o} = \sum_{n,h,w} \bar{Y}_{n,o,h,w}",
         lambda X, K, Y_bar: (lambda P: (np.einsum("nopqij,copq->ncij", P, K), np.einsum("ncij,nopqij->copq", X, P),
                                         Y_bar.sum(axis=(0, 2, 3))))(_patches(Y_bar, 3, 2, (2, 2), (1, 1), (1, 1)))),
    symbols={"n": "the sample index, from 0", "o": "the output-channel index", "c": "the input-channel index",
             "i": "an input row, from 0", "j": "an input column, from 0", "p": "the kernel row, 0 to 2",
             "q": "the kernel column, 0 or 1", "h": "an output row, from 0", "w": "an output column, from 0",
             "Z": "the input of that conv2d, of Y's shape with C and O exchanged (conv2d is linear in it, so its value "
                  "does not matter)",
             r"\operatorname{conv\_transpose2d}": "this layer without its bias",
             r"\operatorname{conv2d}": "PyTorch's conv2d with the same kernel read as out × in × 3 × 2, stride 2, padding 1",
             r"\operatorname{vjp}_{Z}": "the reverse rule in Z of the function that follows, applied to the cotangent "
                                        "in the last parentheses",
             "H_o": "the output height", "W_o": "the output width"},
    crosswalk={"pytorch": "torch.nn.functional.conv_transpose2d (torch.nn.ConvTranspose2d)",
               "pytorch_derivative": "convolution (with transposed=true): input, weight, bias: "
                                     "convolution_backward_symint(grad, input, weight, bias->sym_sizes(), stride, padding, "
                                     "dilation, transposed, output_padding, groups, grad_input_mask); result: convolution_jvp(...)",
               "jax": "jax.lax.conv_transpose with transpose_kernel=True (without it the kernel is not flipped and the "
                      "channel axes are not exchanged, so it is not PyTorch's layer; explicit padding pairs pad the "
                      "zero-stuffed input, so PyTorch's padding 1 is (1, 1) along the height and (0, 0) along the width, "
                      "the kernel extent less one less PyTorch's padding), flax.linen.ConvTranspose (also transpose_kernel=False "
                      "by default); jax.lax.conv_general_dilated with lhs_dilation (2, 2) is the same operation"},
    also=[
        Formula(r"H_o = 2(H - 1) - 2 \cdot 1 + 3, \quad W_o = 2(W - 1) - 2 \cdot 1 + 2",
                lambda Y: np.array(Y.shape[2:], dtype=float),
                lambda X: np.array([2 * (X.shape[2] - 1) - 2 + 3, 2 * (X.shape[3] - 1) - 2 + 2], dtype=float)),
        Formula(r"\operatorname{conv\_transpose2d}(X, K) = \operatorname{vjp}_{Z}\bigl(\operatorname{conv2d}(Z, K)\bigr)(X) "
                r"\quad (\text{the transposed convolution is conv2d's reverse rule in its input})",
                lambda X, K, b, Y: Y - b[:, None, None],
                lambda X, K, Y: _conv2d_input_vjp(X, K, (X.shape[0], K.shape[1]) + Y.shape[2:], (2, 2), (1, 1), (1, 1))),
        Formula(r"\bar{X} = \operatorname{conv2d}(\bar{Y}, K)",
                lambda X, K, Y_bar: np.einsum("nopqij,copq->ncij", _patches(Y_bar, 3, 2, (2, 2), (1, 1), (1, 1)), K),
                lambda X, K, Y_bar: _conv2d(Y_bar, K, np.zeros(K.shape[0]), (2, 2), (1, 1), (1, 1))),
        Formula(r"\langle \bar{Y}, \operatorname{conv\_transpose2d}(X, K)\rangle = \langle \operatorname{conv2d}(\bar{Y}, K), X\rangle",
                lambda X, K, b, Y_bar: np.sum(Y_bar * _conv_transpose2d(X, K, (2, 2), (1, 1))),
                lambda X, K, Y_bar: np.sum(_conv2d(Y_bar, K, np.zeros(K.shape[0]), (2, 2), (1, 1), (1, 1)) * X)),
    ],
    sizes=(2, 7),
    notes="Shapes: X is N × C × H × W, K is C × O × 3 × 2 (in before out, as PyTorch stores a transposed convolution's "
          "weight), b has O entries, Y and its cotangent are N × O × H_o × W_o. Each input entry stamps the kernel, "
          "scaled by itself, into the output at twice its position, and padding 1 cuts one row and one column from "
          "every side of the result. The layer is, in its input, the reverse rule of conv2d with the same kernel, "
          "stride and padding; so its own reverse rule in the input is that conv2d, a strided correlation of the output "
          "cotangent with the kernel. With stride 2, conv2d maps two input heights to one output height, and "
          "PyTorch's output_padding (0 here) chooses which of them the transposed convolution returns. Here it is "
          "computed the direct way, by putting a zero between neighbouring input entries and correlating with the "
          "flipped kernel, while the reverse rule and the checks use the scatter and gather forms.",
    sketch="Bilinear in input and kernel: the forward rule is the product rule. Since the layer is the adjoint of a "
           "strided convolution in its input, its reverse rule in the input is that convolution; the kernel's "
           "cotangent pairs each input entry with the output cotangent over the window it stamped.",
    references=[ref("dumoulin-visin-2016", "transposed convolution as the adjoint of convolution"), ref("goodfellow-2016", "§9.5 Variants of the Basic Convolution Function")],
    related=["QZ9X", "M2RJ"],
    aliases=["conv_transpose2d backward", "transposed convolution gradient", "deconvolution backward",
             "ConvTranspose2d vjp", "fractionally strided convolution backward"],
)


def _max_pool2d(X):
    """torch.nn.functional.max_pool2d(X, 2, 2, return_indices=True): the maxima of the 2 × 2 windows (a last odd
    row or column dropped) and, as floats, the flat index of each maximum within its H × W plane."""
    N, C, H, W = X.shape
    Ho, Wo = H // 2, W // 2
    win = X[:, :, :2 * Ho, :2 * Wo].reshape(N, C, Ho, 2, Wo, 2).transpose(0, 1, 2, 4, 3, 5).reshape(N, C, Ho, Wo, 4)
    k = np.argmax(win, axis=-1)
    rows = 2 * np.arange(Ho)[:, None] + k // 2
    cols = 2 * np.arange(Wo)[None, :] + k % 2
    return np.take_along_axis(win, k[..., None], axis=-1)[..., 0], (rows * W + cols).astype(float)


def _windows_apart(rng, values):
    """Each 2 × 2 window's four entries at least 0.15 apart: a centre from the drawn sample plus a random
    order of 0, 0.25, 0.5 and 0.75 and a jitter within 0.05, so the maximum's position is locally constant."""
    X = np.array(values["X"])
    N, C, H, W = X.shape
    Ho, Wo = H // 2, W // 2
    centre = X[:, :, :2 * Ho:2, :2 * Wo:2]
    steps = np.argsort(rng.random((N, C, Ho, Wo, 4)), axis=-1) * 0.25 + rng.uniform(-0.05, 0.05, (N, C, Ho, Wo, 4))
    win = (centre[..., None] + steps).reshape(N, C, Ho, Wo, 2, 2).transpose(0, 1, 2, 4, 3, 5)
    X[:, :, :2 * Ho, :2 * Wo] = win.reshape(N, C, 2 * Ho, 2 * Wo)
    values["X"] = X
    return values


def _max_pool2d_vjp(X, I, Y_bar):
    N, C, H, W = X.shape
    X_bar = np.zeros((N, C, H * W))
    np.add.at(X_bar, (np.arange(N)[:, None, None, None], np.arange(C)[None, :, None, None], I.astype(int)), Y_bar)
    return X_bar.reshape(X.shape)


ADRule(
    id="JNTZ",
    title="Forward and reverse rules of max_pool2d (2 × 2 windows, stride 2)",
    primitive="max_pool2d",
    latex=r"Y_{n,c,i,j} = X_{n,c,h^{*},w^{*}}, \quad (h^{*}, w^{*}) = \operatorname*{arg\,max}_{0 \le a, b \le 1} "
          r"X_{n,c,\,2i + a,\; 2j + b}, \quad I_{n,c,i,j} = W h^{*} + w^{*}",
    variables={"X": Tensor(("N", "C", "H", "W"), description="the input images, N × C × H × W (NCHW), each 2 × 2 "
                                                            "window with a strict maximum")},
    wrt=("X",),
    outputs=("Y", "I"),
    nondifferentiable=("I",),
    f=_max_pool2d,
    jvp=(r"\dot{Y}_{n,c,i,j} = \dot{X}_{n,c,h^{*},w^{*}}",
         lambda dX, I: np.take_along_axis(dX.reshape(dX.shape[0], dX.shape[1], -1),
                                          I.astype(int).reshape(I.shape[0], I.shape[1], -1), axis=-1).reshape(I.shape)),
    vjp=(r"\bar{X}_{n,c,h,w} = \sum_{i,j} [\,W h + w = I_{n,c,i,j}\,]\,\bar{Y}_{n,c,i,j}",
         lambda X, I, Y_bar: _max_pool2d_vjp(X, I, Y_bar)),
    symbols={"n": "the sample index, from 0", "c": "the channel index", "i": "the output row, from 0",
             "j": "the output column, from 0", "a": "the row offset within a window, 0 or 1",
             "b": "the column offset within a window, 0 or 1", "h": "an input row, from 0", "w": "an input column, from 0",
             "h^{*}": "the row of the window's maximum", "w^{*}": "the column of the window's maximum",
             r"[\,\cdot\,]": "the Iverson bracket: 1 when the condition holds, 0 otherwise"},
    conditions="Each 2 × 2 window's entries are at least 0.15 apart (prepare sets them so), so that the position of "
               "the maximum cannot change under the small perturbations of the check. At a tie max pooling has no "
               "derivative.",
    prepare=_windows_apart,
    crosswalk={"pytorch": "torch.nn.functional.max_pool2d (return_indices=True gives I; torch.nn.MaxPool2d)",
               "pytorch_derivative": "max_pool2d_with_indices: self: max_pool2d_with_indices_backward(grad, self, kernel_size, "
                                     "stride, padding, dilation, ceil_mode, result1); result0: gather(self_t.flatten(-2), -1, "
                                     "result1.flatten(-2)).view_as(result1); output_differentiability: [True, False]",
               "jax": "flax.linen.max_pool (window_shape (2, 2), strides (2, 2); channels last), built on "
                      "jax.lax.reduce_window with jax.lax.max; no indices are returned, and its reverse rule (a "
                      "select-and-scatter-add) sends a window's cotangent to one of its maxima"},
    also=[
        Formula(r"\langle \bar{Y}, \dot{Y}\rangle = \langle \bar{X}, \dot{X}\rangle",
                lambda dX, I, Y_bar: np.sum(Y_bar * np.take_along_axis(dX.reshape(dX.shape[0], dX.shape[1], -1),
                                                                       I.astype(int).reshape(I.shape[0], I.shape[1], -1),
                                                                       axis=-1).reshape(I.shape)),
                lambda X, dX, I, Y_bar: np.sum(_max_pool2d_vjp(X, I, Y_bar) * dX)),
    ],
    sizes=(2, 7),
    notes="Shapes: X is N × C × H × W; Y, I and the cotangent of Y are N × C × ⌊H/2⌋ × ⌊W/2⌋; I holds, as floats, the "
          "flat index of each maximum in its H × W plane, as PyTorch returns it. I is locally constant, so it has no "
          "tangent and no cotangent. The forward rule picks the tangent at each window's maximum; the reverse rule "
          "sends each output cotangent to that one entry, and every other entry, like a last odd row or column that no "
          "window covers, gets zero. The windows do not overlap here, so no entry receives two cotangents; with "
          "overlapping windows the scatter adds them. At a tie the function has no derivative: PyTorch sends the "
          "cotangent to the first maximum it meets, in row-major order within the window, and JAX's "
          "select-and-scatter-add also to just one of them.",
    sketch="Locally, away from ties, max pooling selects one fixed entry of each window, a linear map; its forward "
           "rule is that selection applied to the tangent and its reverse rule the transposed selection, a scatter.",
    references=[ref("goodfellow-2016", "§9.3 Pooling")],
    related=["QZ9X"],
    aliases=["max pooling backward", "max_pool2d gradient", "maxpool vjp", "gradient of max pooling",
             "max_pool2d_with_indices backward"],
)


def _avg_pool2d(X):
    """torch.nn.functional.avg_pool2d(X, (3, 2), stride=2, padding=1): count_include_pad=True, so every window
    divides by 6, the zeros of the padding counted."""
    return _patches(X, 3, 2, (2, 2), (1, 1), (1, 1)).sum(axis=(2, 3)) / 6


def _avg_pool2d_vjp(shape, Y_bar, divisor):
    """Each output cotangent, divided by its window's divisor, added to every entry of that window; padding cut."""
    N, C, H, W = shape
    r, c = _taps(H, 3, 2, 1, 1), _taps(W, 2, 2, 1, 1)
    Xp_bar = np.zeros((N, C, H + 2, W + 2))
    np.add.at(Xp_bar, (slice(None), slice(None), r[:, None, :, None], c[None, :, None, :]),
              np.broadcast_to((Y_bar / divisor)[:, :, None, None], (N, C, 3, 2) + Y_bar.shape[2:]))
    return Xp_bar[:, :, 1:H + 1, 1:W + 1]


def _avg_pool2d_counts(H, W):
    """The number of real (not padding) entries in each window: count_include_pad=False's divisor."""
    return _patches(np.ones((1, 1, H, W)), 3, 2, (2, 2), (1, 1), (1, 1)).sum(axis=(2, 3))[0, 0]


ADRule(
    id="C06V",
    title="Forward and reverse rules of avg_pool2d (3 × 2 windows, stride 2, padding 1, padding counted)",
    primitive="avg_pool2d",
    latex=r"Y_{n,c,i,j} = \frac{1}{6}\sum_{p=0}^{2}\sum_{q=0}^{1} X_{n,c,\,2i + p - 1,\; 2j + q - 1}",
    variables={"X": Tensor(("N", "C", "H", "W"), description="the input images, N × C × H × W (NCHW), zero outside")},
    wrt=("X",),
    outputs=("Y",),
    f=_avg_pool2d,
    jvp=(r"\dot{Y}_{n,c,i,j} = \frac{1}{6}\sum_{p=0}^{2}\sum_{q=0}^{1} \dot{X}_{n,c,\,2i + p - 1,\; 2j + q - 1}",
         lambda dX: _patches(dX, 3, 2, (2, 2), (1, 1), (1, 1)).sum(axis=(2, 3)) / 6),
    vjp=(r"\bar{X}_{n,c,h,w} = \frac{1}{6}\sum_{\substack{i,j,p,q:\ 2i + p - 1 = h,\\ 2j + q - 1 = w}} \bar{Y}_{n,c,i,j}",
         lambda X, Y_bar: _avg_pool2d_vjp(X.shape, Y_bar, 6.0)),
    symbols={"n": "the sample index, from 0", "c": "the channel index", "i": "the output row, from 0",
             "j": "the output column, from 0", "p": "the row within the window, 0 to 2",
             "q": "the column within the window, 0 or 1", "h": "an input row, from 0", "w": "an input column, from 0",
             "m": "the number of input entries (not padding) in window (i, j)", "Z": "any tangent of X",
             r"\operatorname{avg}": "avg_pool2d with count_include_pad=False (the mean over the real entries only)"},
    crosswalk={"pytorch": "torch.nn.functional.avg_pool2d (kernel_size (3, 2), stride 2, padding 1; torch.nn.AvgPool2d)",
               "pytorch_derivative": "avg_pool2d: self: avg_pool2d_backward(grad, self, kernel_size, stride, padding, "
                                     "ceil_mode, count_include_pad, divisor_override); result: auto_linear",
               "jax": "flax.linen.avg_pool (window_shape (3, 2), strides (2, 2), padding ((1, 1), (1, 1)), "
                      "count_include_pad=True by default; channels last), built on jax.lax.reduce_window with "
                      "jax.lax.add and a division; its reverse rule is the transpose of that window sum"},
    also=[
        Formula(r"\langle \bar{Y}, \operatorname{avg}(Z)\rangle = \sum_{n,c,i,j} \frac{\bar{Y}_{n,c,i,j}}{m_{i,j}} "
                r"\sum_{p,q} Z_{n,c,\,2i + p - 1,\; 2j + q - 1} \quad (\text{count\_include\_pad=False: divide by } m "
                r"\text{ instead of } 6)",
                lambda X, dX, Y_bar: np.sum(Y_bar * _patches(dX, 3, 2, (2, 2), (1, 1), (1, 1)).sum(axis=(2, 3))
                                            / _avg_pool2d_counts(*X.shape[2:])),
                lambda X, dX, Y_bar: np.sum(_avg_pool2d_vjp(X.shape, Y_bar, _avg_pool2d_counts(*X.shape[2:])) * dX)),
        Formula(r"\langle \bar{Y}, \dot{Y}\rangle = \langle \bar{X}, \dot{X}\rangle",
                lambda dX, Y_bar: np.sum(Y_bar * _patches(dX, 3, 2, (2, 2), (1, 1), (1, 1)).sum(axis=(2, 3)) / 6),
                lambda X, dX, Y_bar: np.sum(_avg_pool2d_vjp(X.shape, Y_bar, 6.0) * dX)),
    ],
    sizes=(2, 7),
    notes="Shapes: X is N × C × H × W; Y and its cotangent are N × C × H_o × W_o with H_o the floor of (H − 1)/2, plus "
          "one, and W_o the floor of W/2, plus one. PyTorch's default, count_include_pad set to True, divides every window by "
          "its full size, 6, even where it overlaps the zero padding, so the reverse rule spreads a sixth of each "
          "output cotangent over the window's real entries and drops the part that fell on the padding. The windows "
          "overlap along the height (3 rows, stride 2), so a row shared by two windows collects from both. With "
          "count_include_pad set to False the divisor is the number of real entries in the window, shown in the first "
          "formula below as the adjoint pairing of that variant's forward and reverse rules; divisor_override "
          "replaces it by a constant.",
    sketch="Average pooling is linear: the forward rule is the pooling of the tangent, and the reverse rule its "
           "transpose, each output cotangent shared out equally over its window.",
    references=[ref("goodfellow-2016", "§9.3 Pooling")],
    related=["JNTZ", "QZ9X"],
    aliases=["average pooling backward", "avg_pool2d gradient", "avgpool vjp", "count_include_pad gradient",
             "mean pooling backward"],
)


def _bins(n_in, n_out):
    """PyTorch's adaptive-pooling bins: bin i runs from floor(i·n_in/n_out) to ceil((i + 1)·n_in/n_out), end excluded."""
    return [(i * n_in // n_out, -(-(i + 1) * n_in // n_out)) for i in range(n_out)]


def _adaptive_avg_pool2d(X):
    """torch.nn.functional.adaptive_avg_pool2d(X, (3, 4)) for a 5 × 7 input, bin by bin."""
    Y = np.zeros(X.shape[:2] + (3, 4))
    for i, (h0, h1) in enumerate(_bins(5, 3)):
        for j, (w0, w1) in enumerate(_bins(7, 4)):
            Y[:, :, i, j] = X[:, :, h0:h1, w0:w1].mean(axis=(2, 3))
    return Y


def _adaptive_avg_pool2d_vjp(Y_bar):
    X_bar = np.zeros(Y_bar.shape[:2] + (5, 7))
    for i, (h0, h1) in enumerate(_bins(5, 3)):
        for j, (w0, w1) in enumerate(_bins(7, 4)):
            X_bar[:, :, h0:h1, w0:w1] += Y_bar[:, :, i, j][:, :, None, None] / ((h1 - h0) * (w1 - w0))
    return X_bar


def _bin_matrix(n_in, n_out):
    """The n_out × n_in averaging matrix of the bins: row i is 1/|bin i| on bin i."""
    A = np.zeros((n_out, n_in))
    for i, (a, b) in enumerate(_bins(n_in, n_out)):
        A[i, a:b] = 1.0 / (b - a)
    return A


ADRule(
    id="724N",
    title="Forward and reverse rules of adaptive_avg_pool2d (5 × 7 input to 3 × 4 output, overlapping bins)",
    primitive="adaptive_avg_pool2d",
    latex=r"Y_{n,c,i,j} = \frac{1}{|R_{i}|\,|S_{j}|}\sum_{h \in R_{i}}\sum_{w \in S_{j}} X_{n,c,h,w}, \quad "
          r"R_{i} = \bigl\{\lfloor 5i/3 \rfloor, \dots, \lceil 5(i + 1)/3 \rceil - 1\bigr\}, \quad "
          r"S_{j} = \bigl\{\lfloor 7j/4 \rfloor, \dots, \lceil 7(j + 1)/4 \rceil - 1\bigr\}",
    variables={"X": Tensor(("N", "C", 5, 7), description="the input images, N × C × 5 × 7 (NCHW)")},
    wrt=("X",),
    outputs=("Y",),
    f=_adaptive_avg_pool2d,
    jvp=(r"\dot{Y}_{n,c,i,j} = \frac{1}{|R_{i}|\,|S_{j}|}\sum_{h \in R_{i}}\sum_{w \in S_{j}} \dot{X}_{n,c,h,w}",
         lambda dX: _adaptive_avg_pool2d(dX)),
    vjp=(r"\bar{X}_{n,c,h,w} = \sum_{i:\ h \in R_{i}}\ \sum_{j:\ w \in S_{j}} \frac{\bar{Y}_{n,c,i,j}}{|R_{i}|\,|S_{j}|}",
         lambda Y_bar: _adaptive_avg_pool2d_vjp(Y_bar)),
    symbols={"n": "the sample index, from 0", "c": "the channel index", "i": "the output row, 0 to 2",
             "j": "the output column, 0 to 3", "h": "an input row, 0 to 4", "w": "an input column, 0 to 6",
             "R": "a bin of input rows: R with subscript i is the rows averaged into output row i (bars: its size)",
             "S": "a bin of input columns: S with subscript j is the columns averaged into output column j",
             "R_0": "row bin 0", "R_1": "row bin 1", "R_2": "row bin 2", "S_0": "column bin 0", "S_3": "column bin 3",
             "A": "an averaging matrix: with subscripts 5,3 the 3 × 5 matrix of the row bins (row i is one over the "
                  "size of bin i on that bin, zero elsewhere), with 7,4 the 4 × 7 matrix of the column bins; with "
                  "subscripts n,c, X, Y and their cotangents stand for one 5 × 7 or 3 × 4 plane"},
    crosswalk={"pytorch": "torch.nn.functional.adaptive_avg_pool2d (output_size (3, 4); torch.nn.AdaptiveAvgPool2d)",
               "pytorch_derivative": "_adaptive_avg_pool2d: self: _adaptive_avg_pool2d_backward(grad, self); result: auto_linear",
               "jax": "no such function in jax.nn or flax.linen: adaptive pooling is written by hand (a mean over "
                      "each bin, or the two averaging matrices below), and JAX differentiates that; flax.linen.avg_pool "
                      "takes fixed windows, which cannot reproduce these unequal overlapping bins"},
    also=[
        Formula(r"(R_{0}, R_{1}, R_{2}) = (\{0, 1\}, \{1, 2, 3\}, \{3, 4\}), \quad "
                r"(S_{0}, \dots, S_{3}) = (\{0, 1\}, \{1, 2, 3\}, \{3, 4, 5\}, \{5, 6\})",
                lambda X: np.array(_bins(5, 3) + _bins(7, 4), dtype=float),
                lambda X: np.array([(0, 2), (1, 4), (3, 5), (0, 2), (1, 4), (3, 6), (5, 7)], dtype=float)),
        Formula(r"Y_{n,c} = A_{5,3}X_{n,c}A_{7,4}^{\top}, \quad \bar{X}_{n,c} = A_{5,3}^{\top}\bar{Y}_{n,c}A_{7,4}",
                lambda X, Y, Y_bar: np.concatenate([Y.ravel(), _adaptive_avg_pool2d_vjp(Y_bar).ravel()]),
                lambda X, Y_bar: np.concatenate([
                    np.einsum("ih,nchw,jw->ncij", _bin_matrix(5, 3), X, _bin_matrix(7, 4)).ravel(),
                    np.einsum("ih,ncij,jw->nchw", _bin_matrix(5, 3), Y_bar, _bin_matrix(7, 4)).ravel()])),
    ],
    notes="Shapes: X is N × C × 5 × 7 and Y, with its cotangent, N × C × 3 × 4. Neither 3 divides 5 nor 4 divides 7, "
          "so PyTorch's bins are unequal and overlap: row 1 and row 3 of the input belong to two row bins each, and "
          "columns 1, 3 and 5 to two column bins. The reverse rule shares each output cotangent equally over its bin, "
          "so an input entry in two bins collects a share from each, with the sizes of both bins in the divisors. "
          "Where the output size divides the input size the bins are the windows of avg_pool2d with kernel and stride "
          "equal to the ratio. In matrix form the layer multiplies each plane on the left and right by averaging "
          "matrices, and the reverse rule by their transposes.",
    sketch="Adaptive average pooling is linear: the forward rule pools the tangent, the reverse rule is the transpose, "
           "each bin's output cotangent shared out over that bin.",
    references=[ref("goodfellow-2016", "§9.3 Pooling")],
    related=["C06V", "JNTZ"],
    aliases=["adaptive average pooling backward", "adaptive_avg_pool2d gradient", "AdaptiveAvgPool2d vjp",
             "global average pooling backward", "adaptive pooling bins"],
)


def _token_ids(rng, values):
    """Integer token ids 0 to V − 1 (stored as floats), with at least one id repeated."""
    V = values["W"].shape[0]
    T = rng.integers(0, V, size=values["T"].shape)
    T.flat[-1] = T.flat[0]
    values["T"] = T.astype(float)
    return values


def _embedding_vjp(W, T, Y_bar):
    W_bar = np.zeros_like(W)
    np.add.at(W_bar, T.astype(int), Y_bar)
    return W_bar


ADRule(
    id="YQG1",
    title="Forward and reverse rules of the embedding lookup (weight V × D, indices with repeats: a scatter-add)",
    primitive="embedding",
    latex=r"Y_{n,l,k} = W_{T_{n,l},\,k}",
    variables={"W": Matrix("V", "D", description="the weight: one row of D features for each of the V tokens"),
               "T": Matrix("N", "L", description="the token ids, N × L: integers 0 to V − 1 stored as floats and cast "
                                                 "inside f, some repeated; not differentiated")},
    wrt=("W",),
    outputs=("Y",),
    f=lambda W, T: W[T.astype(int)],
    jvp=(r"\dot{Y}_{n,l,k} = \dot{W}_{T_{n,l},\,k}", lambda dW, T: dW[T.astype(int)]),
    vjp=(r"\bar{W}_{v,k} = \sum_{n,l} [\,T_{n,l} = v\,]\,\bar{Y}_{n,l,k}", lambda W, T, Y_bar: _embedding_vjp(W, T, Y_bar)),
    symbols={"n": "the sample index", "l": "the position in the sequence", "k": "the feature index, 0 to D − 1",
             "v": "a token id, 0 to V − 1", "E": "the one-hot matrix of the ids, NL × V: row (n, l) is 1 in column "
                                                 "T with subscript n,l and 0 elsewhere"},
    conditions="T holds integer ids from 0 to V − 1 (prepare draws them and repeats the first id in the last place), "
               "so that some row of W is looked up more than once.",
    prepare=_token_ids,
    crosswalk={"pytorch": "torch.nn.functional.embedding (torch.nn.Embedding; indices as an integer tensor)",
               "pytorch_derivative": "embedding: indices: non_differentiable; weight: embedding_backward_symint(grad, "
                                     "indices, weight.sym_size(0), padding_idx, scale_grad_by_freq, sparse); result: auto_linear",
               "jax": "flax.linen.Embed (a jax.numpy.take of the rows; its reverse rule is the transpose of that "
                      "gather, a scatter-add); jax.nn has no embedding function"},
    also=[
        Formula(r"\bar{W} = E^{\top}\bar{Y} \quad (\bar{Y} \text{ flattened to } NL \times D)",
                lambda W, T, Y_bar: _embedding_vjp(W, T, Y_bar),
                lambda W, T, Y_bar: np.eye(W.shape[0])[T.astype(int).ravel()].T @ Y_bar.reshape(-1, W.shape[1])),
        Formula(r"\langle \bar{Y}, \dot{Y}\rangle = \langle \bar{W}, \dot{W}\rangle",
                lambda dW, T, Y_bar: np.sum(Y_bar * dW[T.astype(int)]),
                lambda W, dW, T, Y_bar: np.sum(_embedding_vjp(W, T, Y_bar) * dW)),
    ],
    sizes=(2, 6),
    notes="Shapes: W is V × D, T is N × L, Y and its cotangent are N × L × D. The lookup copies rows, so its forward "
          "rule looks up the rows of the tangent; its reverse rule adds each output cotangent into the row it came "
          "from: a row looked up twice collects both, and a row never looked up gets zero. It is a scatter-add, not a "
          "scatter that keeps one of the writes: with repeated ids an assignment instead of an addition loses "
          "gradient. PyTorch's padding_idx leaves that row's cotangent zero, scale_grad_by_freq divides each row's "
          "cotangent by its id's count in the batch, and sparse returns the same rows as a sparse tensor; none is "
          "used here. The ids are integers, with no tangent.",
    sketch="The lookup is the product of the one-hot matrix of the ids with W, linear in W: the forward rule is the "
           "same lookup of the tangent, and the reverse rule the transposed one-hot matrix times the cotangent, which "
           "adds the cotangents of repeated ids.",
    references=[ref("goodfellow-2016", "§12.4 Natural Language Processing")],
    related=["S0AY"],
    aliases=["embedding backward", "nn.Embedding gradient", "embedding scatter add", "gradient of an embedding lookup",
             "embedding_dense_backward", "gather backward"],
)


_P_DROP = 0.3


def _dropout_mask(rng, values):
    """A Bernoulli mask, each entry 1 (kept) with probability 1 − p and 0 (dropped) otherwise, with both kinds present."""
    M = (rng.random(values["M"].shape) >= _P_DROP).astype(float)
    M.flat[0], M.flat[-1] = 1.0, 0.0
    values["M"] = M
    return values


ADRule(
    id="ZX6A",
    title="Forward and reverse rules of dropout in training (p = 0.3, the mask an input)",
    primitive="dropout",
    latex=r"Y = \frac{1}{1 - p}\,X \circ M",
    variables={"X": Matrix("N", "D", description="the input, N × D"),
               "M": Matrix("N", "D", description="the keep mask: 1 where an entry is kept, 0 where it is dropped, drawn "
                                                 "Bernoulli with keep probability 1 − p; not differentiated")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X, M: X * M / (1 - _P_DROP),
    jvp=(r"\dot{Y} = \frac{1}{1 - p}\,\dot{X} \circ M", lambda dX, M: dX * M / (1 - _P_DROP)),
    vjp=(r"\bar{X} = \frac{1}{1 - p}\,\bar{Y} \circ M", lambda M, Y_bar: Y_bar * M * (1 / (1 - _P_DROP))),
    symbols={"p": "the drop probability, 0.3 here", r"\circ": "the entrywise (Hadamard) product"},
    conditions="M is a 0/1 mask drawn in prepare, each entry kept with probability 1 − p (0.7); the first entry is "
               "kept and the last dropped so that both cases are in every instance.",
    prepare=_dropout_mask,
    crosswalk={"pytorch": "torch.nn.functional.dropout (training=True, p=0.3; torch.nn.Dropout in train mode)",
               "pytorch_derivative": "on CPU dropout is composite (at::_dropout_impl: a Bernoulli noise tensor divided by "
                                     "1 − p, then input * noise, differentiated as mul); on CUDA and XPU it is "
                                     "native_dropout: input: native_dropout_backward(grad, result1, 1.0 / (1.0 - p)) "
                                     "(mask times grad times scale); result0: (1.0 / (1.0 - p)) * input_t * result1",
               "jax": "flax.linen.Dropout (rate=0.3, deterministic=False; it draws the keep mask with "
                      "jax.random.bernoulli and returns the input divided by 1 − rate where kept, zero elsewhere); "
                      "jax.nn has no dropout"},
    sizes=(2, 7),
    notes="Shapes: X, M, Y and their cotangents are all N × D. In training, dropout zeroes each entry with "
          "probability p and scales the survivors by one over 1 − p, so that the expected output is the input; "
          "given the mask it is a fixed entrywise scaling, which is its own transpose, so the forward and reverse "
          "rules are the same scaling of the tangent and of the cotangent. The mask is random but not "
          "differentiated: it is drawn once per forward pass and reused by the backward pass (PyTorch saves it, "
          "JAX recomputes it from the same key). In evaluation mode dropout is the identity and so are its rules.",
    sketch="Given its mask, dropout multiplies each entry by a constant, zero or one over 1 − p: a diagonal linear "
           "map, whose forward and reverse rules are that map.",
    references=[ref("srivastava-2014", "the dropout model"), ref("goodfellow-2016", "§7.12 Dropout")],
    related=["S0AY"],
    aliases=["dropout backward", "gradient of dropout", "dropout mask gradient", "inverted dropout vjp",
             "nn.Dropout backward"],
)
