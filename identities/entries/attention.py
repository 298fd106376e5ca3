"""Attention and recurrent cells: forward and reverse rules.

Scaled dot-product attention with causal and padding masks, multi-head attention with its four
projections, LSTM and GRU cells in PyTorch's gate order and rotary position embeddings, in PyTorch's
conventions (batch first, weights out × in). Each forward rule is checked against central differences
and each reverse rule by the adjoint identity, on instances where batch, query length, key length and
feature sizes all differ, so that a swapped axis or a missing transpose shows. Dots are tangents, bars
cotangents (Giles 2008).
"""
import numpy as np

from identities import ADRule, Formula, Matrix, Tensor, Vector, ref
from identities.entries import sigmoid, well_conditioned

ONES = {r"\mathbf{1}": "the vector of ones"}


# --------------------------------------------------------------------------------------------
# Scaled dot-product attention, batched: Q is N × L × E, K is N × S × E, V is N × S × Ev


def _masked_softmax(Z, keep):
    """Softmax over the last axis with the entries where ``keep`` is False set to −∞ first."""
    Z = np.where(keep, Z, -np.inf)
    e = np.exp(Z - np.max(Z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _causal_keep(L, S):
    """PyTorch's is_causal mask: query l sees keys 0..l (aligned at the top left, as torch.tril)."""
    return np.tril(np.ones((L, S), dtype=bool))


def _sdpa_weights(Q, K, keep):
    return _masked_softmax(np.einsum("nle,nse->nls", Q, K) / np.sqrt(Q.shape[-1]), keep)


def _softmax_jvp(P, dZ):
    return P * (dZ - np.sum(P * dZ, axis=-1, keepdims=True))


def _sdpa_jvp(Q, K, V, P, dQ, dK, dV):
    dZ = (np.einsum("nle,nse->nls", dQ, K) + np.einsum("nle,nse->nls", Q, dK)) / np.sqrt(Q.shape[-1])
    return np.einsum("nls,nsv->nlv", _softmax_jvp(P, dZ), V) + np.einsum("nls,nsv->nlv", P, dV)


def _sdpa_vjp(Q, K, V, P, O_bar):
    V_bar = np.einsum("nls,nlv->nsv", P, O_bar)
    P_bar = np.einsum("nlv,nsv->nls", O_bar, V)
    Z_bar = P * (P_bar - np.sum(P * P_bar, axis=-1, keepdims=True))
    r = np.sqrt(Q.shape[-1])
    return np.einsum("nls,nse->nle", Z_bar, K) / r, np.einsum("nls,nle->nse", Z_bar, Q) / r, V_bar


def _sdpa_score_bar_flash(O, V, P, O_bar):
    """The score cotangent as FlashAttention's backward forms it: the row sums of Ō ∘ O in place of
    those of P ∘ (Ō Vᵀ)."""
    P_bar = np.einsum("nlv,nsv->nls", O_bar, V)
    return P * (P_bar - np.sum(O_bar * O, axis=-1)[..., None])


def _sdpa_score_bar(V, P, O_bar):
    P_bar = np.einsum("nlv,nsv->nls", O_bar, V)
    return P * (P_bar - np.sum(P * P_bar, axis=-1, keepdims=True))


_SDPA_SYMBOLS = {
    "Z": "the scaled scores of batch element n with the mask added, an L × S matrix",
    "P": "the attention weights of batch element n: the softmax of each row of Z (zero where masked)",
    r"\dot{Z}": "the tangent of the scores", r"\dot{P}": "the tangent of the weights",
    r"\bar{Z}": "the cotangent of the scores", r"\bar{P}": "the cotangent of the weights",
    "M": "the additive mask: 0 where a query may attend to a key, −∞ where it may not",
    "n": "the batch index (each formula holds for every batch element n; the index is dropped on the right)",
    "i": "the query position, 1 to L", "j": "the key position, 1 to S", **ONES,
}
_SDPA_JVP = (r"\dot{Z} = \bigl(\dot{Q}_nK_n^{\top} + Q_n\dot{K}_n^{\top}\bigr)/\sqrt{E},\quad "
             r"\dot{P} = P\circ\bigl(\dot{Z} - ((P\circ\dot{Z})\mathbf{1})\mathbf{1}^{\top}\bigr),\quad "
             r"\dot{O}_n = \dot{P}V_n + P\dot{V}_n")
_SDPA_VJP = (r"\bar{V}_n = P^{\top}\bar{O}_n,\quad \bar{P} = \bar{O}_nV_n^{\top},\quad "
             r"\bar{Z} = P\circ\bigl(\bar{P} - ((P\circ\bar{P})\mathbf{1})\mathbf{1}^{\top}\bigr),\quad "
             r"\bar{Q}_n = \bar{Z}K_n/\sqrt{E},\quad \bar{K}_n = \bar{Z}^{\top}Q_n/\sqrt{E}")
_SDPA_FLASH = (r"\bar{Z} = P\circ\bigl(\bar{O}_nV_n^{\top} - ((\bar{O}_n\circ O_n)\mathbf{1})\mathbf{1}^{\top}\bigr) "
               r"\quad (\text{FlashAttention's form: } (P\circ\bar{P})\mathbf{1} = (\bar{O}_n\circ O_n)\mathbf{1})")
_SDPA_VARIABLES = {
    "Q": Tensor(("N", "L", "E"), description="the queries: batch N, query length L, feature size E"),
    "K": Tensor(("N", "S", "E"), description="the keys: batch N, key length S, feature size E"),
    "V": Tensor(("N", "S", "Ev"), description="the values: batch N, key length S, value size Ev"),
}
_SDPA_CROSSWALK_DERIVATIVE = (
    "none for the composite torch.nn.functional.scaled_dot_product_attention itself; it dispatches to a fused "
    "kernel whose entry is, on CPU, _scaled_dot_product_flash_attention_for_cpu: query, key, value: "
    "_scaled_dot_product_flash_attention_for_cpu_backward(grad, query, key, value, output, logsumexp, dropout_p, "
    "is_causal, attn_mask, scale) (on CUDA _scaled_dot_product_flash_attention / "
    "_scaled_dot_product_efficient_attention and their _backward; the math fallback "
    "_scaled_dot_product_attention_math is differentiated through its matmul and softmax)")


ADRule(
    id="Z21U",
    title="Forward and reverse rules of scaled dot-product attention with a causal mask",
    primitive="scaled_dot_product_attention",
    latex=r"O_n = \operatorname{softmax}\bigl(Q_nK_n^{\top}/\sqrt{E} + M\bigr)V_n,\quad "
          r"M_{ij} = \begin{cases} 0 & j \le i \\ -\infty & j > i \end{cases}",
    variables=_SDPA_VARIABLES,
    wrt=("Q", "K", "V"),
    outputs=("O",),
    sizes=(2, 6),
    f=lambda Q, K, V: np.einsum("nls,nsv->nlv", _sdpa_weights(Q, K, _causal_keep(Q.shape[1], K.shape[1])), V),
    jvp=(_SDPA_JVP, lambda Q, K, V, dQ, dK, dV: _sdpa_jvp(
        Q, K, V, _sdpa_weights(Q, K, _causal_keep(Q.shape[1], K.shape[1])), dQ, dK, dV)),
    vjp=(_SDPA_VJP, lambda Q, K, V, O_bar: _sdpa_vjp(
        Q, K, V, _sdpa_weights(Q, K, _causal_keep(Q.shape[1], K.shape[1])), O_bar)),
    symbols=_SDPA_SYMBOLS,
    also=[
        Formula(_SDPA_FLASH,
                lambda Q, K, V, O_bar: _sdpa_score_bar(V, _sdpa_weights(Q, K, _causal_keep(Q.shape[1], K.shape[1])), O_bar),
                lambda Q, K, V, O, O_bar: _sdpa_score_bar_flash(
                    O, V, _sdpa_weights(Q, K, _causal_keep(Q.shape[1], K.shape[1])), O_bar)),
    ],
    crosswalk={"pytorch": "torch.nn.functional.scaled_dot_product_attention(Q, K, V, is_causal=True) "
                          "(dropout_p=0, default scale 1/√E)",
               "pytorch_derivative": _SDPA_CROSSWALK_DERIVATIVE,
               "jax": "jax.nn.dot_product_attention(is_causal=True) on (batch, length, heads, head size) arrays, which "
                      "needs the value size equal to the key size; flax.linen.dot_product_attention with "
                      "flax.linen.make_causal_mask allows a different value size"},
    notes="Batch first, one head: Q is N × L × E, K is N × S × E and V is N × S × Ev with the four sizes different, and "
          "the output is N × L × Ev. The causal mask is PyTorch's for is_causal: a lower-triangular L × S pattern "
          "aligned at the top left (query i sees keys 1 to i), which is also what JAX builds; for L different from S "
          "PyTorch offers the bottom-right alignment separately (torch.nn.attention.bias.causal_lower_right), where "
          "the same rules hold with the other pattern. The mask is a constant: it adds no term to the rules, only "
          "zeros in the weights, which is why masked scores get a zero cotangent. The reverse rule never needs the "
          "weights' Jacobian: FlashAttention recomputes the weights from the saved log-sum-exp of each row and forms "
          "the row sums from the output and its cotangent (the formula below), as PyTorch's fused CPU and CUDA kernels do.",
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention, §3.2.3 masking in the decoder"),
                ref("giles-2008", "multiplication")],
    related=["HXNP", "5NHC", "YF92", "085F", "E6R7"],
    aliases=["causal attention backward", "scaled_dot_product_attention is_causal backward",
             "vjp of masked self-attention", "flash attention backward", "gradient of causal attention by Q K V"],
)


def _padding_prepare(rng, values):
    """A 0/1 keep mask over the keys of each batch element: some keys padded, at least one kept."""
    N, S = values["m"].shape
    m = (rng.random((N, S)) < 0.6).astype(float)
    for n in range(N):
        m[n, rng.integers(S)] = 1.0
    if m.all():  # pad one key of one batch element; that element keeps the other S - 1 >= 1 keys
        m[rng.integers(N), rng.integers(S)] = 0.0
    values["m"] = m
    return values


def _keep_keys(m, L):
    return np.repeat((m > 0.5)[:, None, :], L, axis=1)


ADRule(
    id="3XLZ",
    title="Forward and reverse rules of scaled dot-product attention with a key padding mask",
    primitive="scaled_dot_product_attention",
    latex=r"O_n = \operatorname{softmax}\bigl(Q_nK_n^{\top}/\sqrt{E} + M\bigr)V_n,\quad "
          r"M_{ij} = \begin{cases} 0 & m_{nj} = 1 \\ -\infty & m_{nj} = 0 \end{cases}",
    variables={**_SDPA_VARIABLES,
               "m": Matrix("N", "S", description="the key padding mask: 1 for a real key, 0 for padding (a constant, "
                                                 "not differentiated)")},
    wrt=("Q", "K", "V"),
    outputs=("O",),
    sizes=(2, 6),
    conditions="m is a 0/1 mask over the keys of each batch element, with at least one key kept in every batch element "
               "(a row of queries with every key masked would divide zero by zero) and at least one key padded somewhere.",
    prepare=_padding_prepare,
    f=lambda Q, K, V, m: np.einsum("nls,nsv->nlv", _sdpa_weights(Q, K, _keep_keys(m, Q.shape[1])), V),
    jvp=(_SDPA_JVP, lambda Q, K, V, m, dQ, dK, dV: _sdpa_jvp(
        Q, K, V, _sdpa_weights(Q, K, _keep_keys(m, Q.shape[1])), dQ, dK, dV)),
    vjp=(_SDPA_VJP, lambda Q, K, V, m, O_bar: _sdpa_vjp(
        Q, K, V, _sdpa_weights(Q, K, _keep_keys(m, Q.shape[1])), O_bar)),
    symbols={**_SDPA_SYMBOLS, "M": "the additive mask of batch element n: 0 on a kept key's column, −∞ on a padded one's"},
    also=[
        Formula(r"\bar{K}_n = \operatorname{diag}(m_n)\,\bar{Z}^{\top}Q_n/\sqrt{E},\quad "
                r"\bar{V}_n = \operatorname{diag}(m_n)\,P^{\top}\bar{O}_n \quad (\text{no cotangent reaches a padded key})",
                lambda Q, K, V, m, O_bar: np.concatenate(
                    _sdpa_vjp(Q, K, V, _sdpa_weights(Q, K, _keep_keys(m, Q.shape[1])), O_bar)[1:], axis=-1),
                lambda Q, K, V, m, O_bar: m[..., None] * np.concatenate(
                    _sdpa_vjp(Q, K, V, _sdpa_weights(Q, K, _keep_keys(m, Q.shape[1])), O_bar)[1:], axis=-1)),
        Formula(_SDPA_FLASH,
                lambda Q, K, V, m, O_bar: _sdpa_score_bar(V, _sdpa_weights(Q, K, _keep_keys(m, Q.shape[1])), O_bar),
                lambda Q, K, V, m, O, O_bar: _sdpa_score_bar_flash(O, V, _sdpa_weights(Q, K, _keep_keys(m, Q.shape[1])), O_bar)),
    ],
    crosswalk={"pytorch": "torch.nn.functional.scaled_dot_product_attention(Q, K, V, attn_mask=m.bool()[:, None, :]) "
                          "(a boolean attn_mask is True where a key takes part; nn.MultiheadAttention's key_padding_mask "
                          "is the opposite, True where a key is padding)",
               "pytorch_derivative": _SDPA_CROSSWALK_DERIVATIVE,
               "jax": "jax.nn.dot_product_attention(mask=...) with a boolean mask True where a key takes part, or "
                      "key_value_seq_lengths for padding at the end; flax.linen.dot_product_attention with "
                      "flax.linen.make_attention_mask"},
    notes="Batch first, one head: Q is N × L × E, K is N × S × E and V is N × S × Ev with the four sizes different. "
          "The mask is an input that is not differentiated: it is drawn as 0/1 entries of an N × S array (its values "
          "set in the sampler) and enters only through the weights, which are zero on padded keys, so the rules are "
          "those of unmasked attention with those weights. Conventions differ "
          "across libraries on what True means in a mask, so the crosswalk says which.",
    references=[ref("vaswani-2017", "§3.2.1 Scaled Dot-Product Attention"), ref("giles-2008", "multiplication")],
    related=["Z21U", "5NHC", "YF92", "085F", "RAE7"],
    aliases=["padding mask attention backward", "key padding mask gradient", "attn_mask backward",
             "vjp of masked attention", "scaled_dot_product_attention attn_mask backward"],
)


# --------------------------------------------------------------------------------------------
# Multi-head attention: E = 8 features in h = 2 heads of d = 4, as nn.MultiheadAttention(8, 2,
# kdim=Ek, vdim=Ev, batch_first=True, bias=True) with separate projection weights


_MHA_HEADS = 2


def _heads(X):
    """N × T × E → N × h × T × d: head j takes features j·d to (j + 1)·d − 1, as PyTorch splits them."""
    N, T, E = X.shape
    return X.reshape(N, T, _MHA_HEADS, E // _MHA_HEADS).transpose(0, 2, 1, 3)


def _merge(X):
    """N × h × T × d → N × T × E: the heads side by side again."""
    N, h, T, d = X.shape
    return X.transpose(0, 2, 1, 3).reshape(N, T, h * d)


def _mha_parts(Q, K, V, Wq, Wk, Wv, bq, bk, bv):
    """The projections split into heads, the weights P (N × h × L × S) and the merged head outputs C."""
    Qt, Kt, Vt = _heads(Q @ Wq.T + bq), _heads(K @ Wk.T + bk), _heads(V @ Wv.T + bv)
    Z = np.einsum("njld,njsd->njls", Qt, Kt) / np.sqrt(Qt.shape[-1])
    P = np.exp(Z - Z.max(axis=-1, keepdims=True))
    P /= P.sum(axis=-1, keepdims=True)
    return Qt, Kt, Vt, P, _merge(np.einsum("njls,njsd->njld", P, Vt))


def _mha_f(Q, K, V, Wq, Wk, Wv, Wo, bq, bk, bv, bo):
    C = _mha_parts(Q, K, V, Wq, Wk, Wv, bq, bk, bv)[-1]
    return C @ Wo.T + bo


def _mha_jvp(Q, K, V, Wq, Wk, Wv, Wo, bq, bk, bv, dQ, dK, dV, dWq, dWk, dWv, dWo, dbq, dbk, dbv, dbo):
    Qt, Kt, Vt, P, C = _mha_parts(Q, K, V, Wq, Wk, Wv, bq, bk, bv)
    dQt = _heads(dQ @ Wq.T + Q @ dWq.T + dbq)
    dKt = _heads(dK @ Wk.T + K @ dWk.T + dbk)
    dVt = _heads(dV @ Wv.T + V @ dWv.T + dbv)
    dZ = (np.einsum("njld,njsd->njls", dQt, Kt) + np.einsum("njld,njsd->njls", Qt, dKt)) / np.sqrt(Qt.shape[-1])
    dP = P * (dZ - np.sum(P * dZ, axis=-1, keepdims=True))
    dC = _merge(np.einsum("njls,njsd->njld", dP, Vt) + np.einsum("njls,njsd->njld", P, dVt))
    return dC @ Wo.T + C @ dWo.T + dbo


def _mha_vjp(Q, K, V, Wq, Wk, Wv, Wo, bq, bk, bv, O_bar):
    Qt, Kt, Vt, P, C = _mha_parts(Q, K, V, Wq, Wk, Wv, bq, bk, bv)
    Wo_bar = np.einsum("nle,nlf->ef", O_bar, C)
    bo_bar = O_bar.sum(axis=(0, 1))
    C_bar = _heads(O_bar @ Wo)
    Vt_bar = np.einsum("njls,njld->njsd", P, C_bar)
    P_bar = np.einsum("njld,njsd->njls", C_bar, Vt)
    Z_bar = P * (P_bar - np.sum(P * P_bar, axis=-1, keepdims=True))
    r = np.sqrt(Qt.shape[-1])
    Qt_bar = _merge(np.einsum("njls,njsd->njld", Z_bar, Kt) / r)
    Kt_bar = _merge(np.einsum("njls,njld->njsd", Z_bar, Qt) / r)
    Vt_bar = _merge(Vt_bar)
    return (Qt_bar @ Wq, Kt_bar @ Wk, Vt_bar @ Wv,
            np.einsum("nle,nlf->ef", Qt_bar, Q), np.einsum("nse,nsf->ef", Kt_bar, K),
            np.einsum("nse,nsf->ef", Vt_bar, V), Wo_bar,
            Qt_bar.sum(axis=(0, 1)), Kt_bar.sum(axis=(0, 1)), Vt_bar.sum(axis=(0, 1)), bo_bar)


def _mha_prepare(rng, values):
    """Weights of the size initialisations give: the rectangular ones scaled to unit variance over their
    fan-in, the square ones redrawn with singular values from 0.25 to 1.5 (a square weight with a tiny
    singular value would shrink the verifier's difference step and leave rounding noise in the report)."""
    for w in ("Wk", "Wv"):
        values[w] = values[w] / np.sqrt(values[w].shape[1])
    for w in ("Wq", "Wo"):
        values[w] = well_conditioned(rng, values[w].shape) / 2
    return values


def _bold(name):
    return r"\mathbf{" + name + "}"


ADRule(
    id="YR33",
    title="Forward and reverse rules of multi-head attention (four projections with biases, two heads)",
    primitive="multi_head_attention",
    latex=r"\tilde{Q} = Q\mathbf{W_q}^{\top} + \mathbf{b_q},\ \tilde{K} = K\mathbf{W_k}^{\top} + \mathbf{b_k},\ "
          r"\tilde{V} = V\mathbf{W_v}^{\top} + \mathbf{b_v},\quad "
          r"C^{(j)} = \operatorname{softmax}\bigl(\tilde{Q}^{(j)}\tilde{K}^{(j)\top}/\sqrt{d}\bigr)\tilde{V}^{(j)},\quad "
          r"O = \bigl[C^{(1)}\ C^{(2)}\bigr]\mathbf{W_o}^{\top} + \mathbf{b_o}",
    variables={
        "Q": Tensor(("N", "L", 8), description="the query input: batch N, target length L, embedding size E, here 8"),
        "K": Tensor(("N", "S", "Ek"), description="the key input: batch N, source length S, key size Ek (kdim)"),
        "V": Tensor(("N", "S", "Ev"), description="the value input: batch N, source length S, value size Ev (vdim)"),
        "Wq": Matrix(8, 8, tex=_bold("W_q"), description="the query projection, out × in (q_proj_weight)"),
        "Wk": Matrix(8, "Ek", tex=_bold("W_k"), description="the key projection, out × in (k_proj_weight)"),
        "Wv": Matrix(8, "Ev", tex=_bold("W_v"), description="the value projection, out × in (v_proj_weight)"),
        "Wo": Matrix(8, 8, tex=_bold("W_o"), description="the output projection, out × in (out_proj.weight)"),
        "bq": Vector(8, tex=_bold("b_q"), description="the query bias (in_proj_bias[0:E])"),
        "bk": Vector(8, tex=_bold("b_k"), description="the key bias (in_proj_bias[E:2E])"),
        "bv": Vector(8, tex=_bold("b_v"), description="the value bias (in_proj_bias[2E:3E])"),
        "bo": Vector(8, tex=_bold("b_o"), description="the output bias (out_proj.bias)"),
    },
    wrt=("Q", "K", "V", "Wq", "Wk", "Wv", "Wo", "bq", "bk", "bv", "bo"),
    outputs=("O",),
    sizes=(2, 7),
    conditions="The key and value projections are drawn with entries of variance one over their number of columns "
               "(their fan-in), as initialisations draw them, and the two square projections with singular values "
               "between 0.25 and 1.5, so that the scores stay of order one and central differences stay accurate; "
               "the rules themselves hold for any weights.",
    prepare=_mha_prepare,
    f=_mha_f,
    jvp=(r"\dot{\tilde{Q}} = \dot{Q}\mathbf{W_q}^{\top} + Q\dot{\mathbf{W_q}}^{\top} + \dot{\mathbf{b_q}}"
         r"\ (\text{likewise } \dot{\tilde{K}}, \dot{\tilde{V}}),\quad "
         r"\dot{Z}^{(j)} = \bigl(\dot{\tilde{Q}}^{(j)}\tilde{K}^{(j)\top} + \tilde{Q}^{(j)}\dot{\tilde{K}}^{(j)\top}\bigr)/\sqrt{d},"
         r"\quad \dot{C}^{(j)} = \Bigl(P^{(j)}\circ\bigl(\dot{Z}^{(j)} - ((P^{(j)}\circ\dot{Z}^{(j)})\mathbf{1})\mathbf{1}^{\top}"
         r"\bigr)\Bigr)\tilde{V}^{(j)} + P^{(j)}\dot{\tilde{V}}^{(j)},\quad "
         r"\dot{O} = \dot{C}\mathbf{W_o}^{\top} + C\dot{\mathbf{W_o}}^{\top} + \dot{\mathbf{b_o}}",
         _mha_jvp),
    vjp=(r"\bar{C} = \bar{O}\mathbf{W_o},\ \bar{\mathbf{W_o}} = \sum_{n}\bar{O}_n^{\top}C_n,\ "
         r"\bar{\mathbf{b_o}} = \sum_{n,i}\bar{O}_{ni};\quad "
         r"\bar{Z}^{(j)} = P^{(j)}\circ\bigl(\bar{C}^{(j)}\tilde{V}^{(j)\top} - ((P^{(j)}\circ\bar{C}^{(j)}\tilde{V}^{(j)\top})"
         r"\mathbf{1})\mathbf{1}^{\top}\bigr),\ \bar{\tilde{Q}}^{(j)} = \bar{Z}^{(j)}\tilde{K}^{(j)}/\sqrt{d},\ "
         r"\bar{\tilde{K}}^{(j)} = \bar{Z}^{(j)\top}\tilde{Q}^{(j)}/\sqrt{d},\ \bar{\tilde{V}}^{(j)} = P^{(j)\top}\bar{C}^{(j)};"
         r"\quad \bar{Q} = \bar{\tilde{Q}}\mathbf{W_q},\ \bar{\mathbf{W_q}} = \sum_{n}\bar{\tilde{Q}}_n^{\top}Q_n,\ "
         r"\bar{\mathbf{b_q}} = \sum_{n,i}\bar{\tilde{Q}}_{ni}\ (\text{likewise for } K \text{ and } V)",
         _mha_vjp),
    symbols={
        r"\tilde{Q}": "the projected queries, N × L × E", r"\tilde{K}": "the projected keys, N × S × E",
        r"\tilde{V}": "the projected values, N × S × E",
        "j": "the head, 1 or 2; a superscript (j) takes that head's 4 consecutive features (features 4j − 3 to 4j)",
        "d": "the head size: 4, the 8 features shared out between 2 heads",
        "C": "the head outputs side by side, N × L × E (head j in features 4j − 3 to 4j)",
        "P": "P^(j), the attention weights of head j: the softmax of each row of its scaled scores",
        r"\dot{Z}": "the tangent of a head's scaled scores", r"\bar{Z}": "the cotangent of a head's scaled scores",
        r"\dot{C}": "the tangent of the head outputs", r"\bar{C}": "the cotangent of the head outputs",
        "n": "the batch index: a product of an N × T × F array with a matrix acts on its last axis, and a subscript n "
             "takes batch element n (a T × F matrix)",
        "i": "the position in the sequence", **ONES,
    },
    crosswalk={"pytorch": "torch.nn.MultiheadAttention(8, 2, kdim=Ek, vdim=Ev, batch_first=True) called with "
                          "need_weights=False (dropout 0); functionally torch.nn.functional.multi_head_attention_forward "
                          "with use_separate_proj_weight=True on (length, batch, feature) inputs",
               "pytorch_derivative": "none: multi_head_attention_forward is composite Python (linear projections, a "
                                     "reshape into heads, scaled_dot_product_attention, the output linear), so autograd "
                                     "chains the entries of linear/addmm (self: mm_mat1_backward(grad, mat2, ...), mat2: "
                                     "mm_mat2_backward(grad, self, ...)) and of the attention kernel",
               "jax": "flax.linen.MultiHeadDotProductAttention (qkv_features=8, num_heads=2, out_features=8; its "
                      "kernels are in × heads × head size, the transpose of PyTorch's out × in); JAX itself has only "
                      "jax.nn.dot_product_attention, the per-head core"},
    notes="Batch first: the query input is N × L × E with E fixed at 8, the key and value inputs N × S × Ek and N × S × Ev, "
          "with N, L, S, Ek and Ev drawn different (2 to 7), so the key and value projections are rectangular, as "
          "in nn.MultiheadAttention with kdim and vdim. Weights are out × in and multiply from the right transposed. "
          "Two heads of four features: head j takes consecutive features of each projection, PyTorch's split, and "
          "the heads' outputs are laid side by side before the output projection. Each head is scaled "
          "dot-product attention of its projected slices with scale one over the square root of the head size, "
          "so its rule is the single-head rule applied to those slices; the projections add linear-layer rules "
          "on both sides, the weight cotangents summed over batch and positions. The key bias always gets a zero cotangent: it adds the same amount to every score in a row, which the softmax ignores. No mask, no dropout, no bias_k "
          "or zero-attention columns; the averaged attention weights that the module also returns by default (need_weights) are not "
          "an output here.",
    references=[ref("vaswani-2017", "§3.2.2 Multi-Head Attention"), ref("giles-2008", "multiplication")],
    related=["Z21U", "5NHC", "085F", "NLTF", "DWWL", "FNLN"],
    aliases=["multi-head attention backward", "MultiheadAttention gradient", "vjp of multi_head_attention_forward",
             "gradient of attention by the projection weights", "transformer attention layer backward"],
)


# --------------------------------------------------------------------------------------------
# Recurrent cells, as torch.nn.LSTMCell and torch.nn.GRUCell: x is N × I, the state N × H with
# H = 3 fixed (the stacked gate weights have 4H or 3H rows), weights out × in


_RNN_H = 3


def _lstm_gates(x, h, Wx, Wh, bx, bh):
    a = x @ Wx.T + bx + h @ Wh.T + bh
    ai, af, ag, ao = np.split(a, 4, axis=1)
    return sigmoid(ai), sigmoid(af), np.tanh(ag), sigmoid(ao)


def _lstm_f(x, h, c, Wx, Wh, bx, bh):
    i, f, g, o = _lstm_gates(x, h, Wx, Wh, bx, bh)
    c1 = f * c + i * g
    return o * np.tanh(c1), c1


def _lstm_jvp(x, h, c, Wx, Wh, bx, bh, c1, dx, dh, dc, dWx, dWh, dbx, dbh):
    i, f, g, o = _lstm_gates(x, h, Wx, Wh, bx, bh)
    da = dx @ Wx.T + x @ dWx.T + dbx + dh @ Wh.T + h @ dWh.T + dbh
    dai, daf, dag, dao = np.split(da, 4, axis=1)
    dc1 = f * (1 - f) * daf * c + f * dc + i * (1 - i) * dai * g + i * (1 - g ** 2) * dag
    t = np.tanh(c1)
    return o * (1 - o) * dao * t + o * (1 - t ** 2) * dc1, dc1


def _lstm_vjp(x, h, c, Wx, Wh, bx, bh, c1, h1_bar, c1_bar):
    i, f, g, o = _lstm_gates(x, h, Wx, Wh, bx, bh)
    t = np.tanh(c1)
    s = c1_bar + h1_bar * o * (1 - t ** 2)
    a_bar = np.concatenate([s * g * i * (1 - i), s * c * f * (1 - f), s * i * (1 - g ** 2),
                            h1_bar * t * o * (1 - o)], axis=1)
    return (a_bar @ Wx, a_bar @ Wh, s * f, a_bar.T @ x, a_bar.T @ h, a_bar.sum(axis=0), a_bar.sum(axis=0))


_RNN_VARIABLES = {
    "x": Matrix("N", "I", description="the input: batch N, input size I"),
    "h": Matrix("N", _RNN_H, description="the hidden state: batch N, hidden size H, here 3"),
}
_RNN_SYMBOLS = {r"\sigma": "the logistic sigmoid, element-wise", **ONES}


ADRule(
    id="43KK",
    title="Forward and reverse rules of the LSTM cell (PyTorch's gate order i, f, g, o)",
    primitive="lstm_cell",
    latex=r"a = x\mathbf{W_x}^{\top} + \mathbf{b_x} + h\mathbf{W_h}^{\top} + \mathbf{b_h} = \bigl[a_i\ a_f\ a_g\ a_o\bigr],\quad "
          r"i = \sigma(a_i),\ f = \sigma(a_f),\ g = \tanh(a_g),\ o = \sigma(a_o),\quad "
          r"c' = f\circ c + i\circ g,\ h' = o\circ\tanh(c')",
    variables={**_RNN_VARIABLES,
               "c": Matrix("N", _RNN_H, description="the cell state: batch N, hidden size H, here 3"),
               "Wx": Matrix(4 * _RNN_H, "I", tex=_bold("W_x"), description="weight_ih: the four gates' input weights "
                                                                            "stacked in the order i, f, g, o, 4H × I"),
               "Wh": Matrix(4 * _RNN_H, _RNN_H, tex=_bold("W_h"), description="weight_hh: the four gates' recurrent "
                                                                              "weights stacked likewise, 4H × H"),
               "bx": Vector(4 * _RNN_H, tex=_bold("b_x"), description="bias_ih, 4H"),
               "bh": Vector(4 * _RNN_H, tex=_bold("b_h"), description="bias_hh, 4H"),
               },
    wrt=("x", "h", "c", "Wx", "Wh", "bx", "bh"),
    outputs=("h1", "c1"),
    output_tex={"h1": "h'", "c1": "c'"},
    sizes=(4, 7),
    f=_lstm_f,
    jvp=(r"\dot{a} = \dot{x}\mathbf{W_x}^{\top} + x\dot{\mathbf{W_x}}^{\top} + \dot{\mathbf{b_x}} + \dot{h}\mathbf{W_h}^{\top}"
         r" + h\dot{\mathbf{W_h}}^{\top} + \dot{\mathbf{b_h}},\quad "
         r"\dot{c'} = f\circ(1 - f)\circ\dot{a}_f\circ c + f\circ\dot{c} + i\circ(1 - i)\circ\dot{a}_i\circ g"
         r" + i\circ(1 - g^{2})\circ\dot{a}_g,\quad "
         r"\dot{h'} = o\circ(1 - o)\circ\dot{a}_o\circ\tanh(c') + o\circ\bigl(1 - \tanh^{2}(c')\bigr)\circ\dot{c'}",
         _lstm_jvp),
    vjp=(r"\bar{s} = \bar{c'} + \bar{h'}\circ o\circ\bigl(1 - \tanh^{2}(c')\bigr),\quad "
         r"\bar{a} = \bigl[\bar{s}\circ g\circ i\circ(1 - i)\ \ \bar{s}\circ c\circ f\circ(1 - f)\ \ "
         r"\bar{s}\circ i\circ(1 - g^{2})\ \ \bar{h'}\circ\tanh(c')\circ o\circ(1 - o)\bigr],\quad "
         r"\bar{c} = \bar{s}\circ f,\ \bar{x} = \bar{a}\mathbf{W_x},\ \bar{h} = \bar{a}\mathbf{W_h},\ "
         r"\bar{\mathbf{W_x}} = \bar{a}^{\top}x,\ \bar{\mathbf{W_h}} = \bar{a}^{\top}h,\ "
         r"\bar{\mathbf{b_x}} = \bar{\mathbf{b_h}} = \bar{a}^{\top}\mathbf{1}",
         _lstm_vjp),
    symbols={**_RNN_SYMBOLS,
             "a": "the gate pre-activations, N × 4H, cut into four N × H blocks a_i, a_f, a_g, a_o in PyTorch's order",
             "i": "the input gate", "f": "the forget gate", "g": "the cell candidate", "o": "the output gate",
             r"\dot{a}": "the tangent of the pre-activations (its blocks subscripted like a)",
             r"\bar{a}": "the cotangent of the pre-activations, the four blocks side by side",
             r"\bar{s}": "the whole cotangent of the new cell state: its own plus what reaches it through h'"},
    crosswalk={"pytorch": "torch.nn.LSTMCell (torch.lstm_cell), bias=True",
               "pytorch_derivative": "on CPU none: lstm_cell is composite (two linear layers, chunk, sigmoid, tanh), "
                                     "differentiated through those entries; on CUDA it calls _thnn_fused_lstm_cell(input_gates, "
                                     "hidden_gates, cx, input_bias, hidden_bias): input_gates, hidden_gates, cx, input_bias, "
                                     "hidden_bias: _thnn_fused_lstm_cell_backward(grads[0], grads[1], cx, result1, result2, "
                                     "input_bias.defined()) (or _thnn_differentiable_lstm_cell_backward in grad mode)",
               "jax": "flax.linen.LSTMCell or flax.linen.OptimizedLSTMCell: the same gates and state update, with a "
                      "dense layer per gate (kernels in × out, the transpose of PyTorch's) and one bias per gate where "
                      "PyTorch has two; JAX itself has no LSTM cell"},
    notes="Samples as rows: x is N × I, h and c are N × H with H fixed at 3 and N and I drawn different (4 to 7), so "
          "the stacked weights are 12 × I and 12 × 3. The two biases are added together, so they receive the same "
          "cotangent: only their sum is identifiable, as in PyTorch, which keeps both. The gates come in PyTorch's "
          "order, input, forget, cell candidate, output; other libraries may stack them differently (TensorFlow 1's "
          "LSTMCell puts the candidate second), so porting weights can mean permuting the four blocks of rows. The cell state carries "
          "cotangent back through the forget gate alone, which is why LSTMs pass gradients over long spans.",
    references=[ref("hochreiter-schmidhuber-1997", "the memory cell and its multiplicative gates",
                    "the forget gate of PyTorch's cell was added later (Gers et al., 2000)"),
                ref("goodfellow-2016", "§10.10.1 LSTM"), ref("giles-2008", "multiplication")],
    related=["JPK0", "7Z06", "0MJ8", "NLTF", "DWWL"],
    aliases=["LSTM backward", "LSTMCell gradient", "backprop through an LSTM cell", "vjp of lstm_cell",
             "LSTM gate derivatives"],
)


def _gru_parts(x, h, Wx, Wh, bx, bh):
    u, v = x @ Wx.T + bx, h @ Wh.T + bh
    ur, uz, un = np.split(u, 3, axis=1)
    vr, vz, vn = np.split(v, 3, axis=1)
    r, z = sigmoid(ur + vr), sigmoid(uz + vz)
    return r, z, np.tanh(un + r * vn), vn


def _gru_f(x, h, Wx, Wh, bx, bh):
    r, z, n, _ = _gru_parts(x, h, Wx, Wh, bx, bh)
    return (1 - z) * n + z * h


def _gru_jvp(x, h, Wx, Wh, bx, bh, dx, dh, dWx, dWh, dbx, dbh):
    r, z, n, vn = _gru_parts(x, h, Wx, Wh, bx, bh)
    dur, duz, dun = np.split(dx @ Wx.T + x @ dWx.T + dbx, 3, axis=1)
    dvr, dvz, dvn = np.split(dh @ Wh.T + h @ dWh.T + dbh, 3, axis=1)
    dr, dz = r * (1 - r) * (dur + dvr), z * (1 - z) * (duz + dvz)
    dn = (1 - n ** 2) * (dun + dr * vn + r * dvn)
    return (h - n) * dz + (1 - z) * dn + z * dh


def _gru_vjp(x, h, Wx, Wh, bx, bh, h1_bar):
    r, z, n, vn = _gru_parts(x, h, Wx, Wh, bx, bh)
    un_bar = h1_bar * (1 - z) * (1 - n ** 2)
    ur_bar = un_bar * vn * r * (1 - r)
    uz_bar = h1_bar * (h - n) * z * (1 - z)
    u_bar = np.concatenate([ur_bar, uz_bar, un_bar], axis=1)
    v_bar = np.concatenate([ur_bar, uz_bar, r * un_bar], axis=1)
    return (u_bar @ Wx, h1_bar * z + v_bar @ Wh, u_bar.T @ x, v_bar.T @ h, u_bar.sum(axis=0), v_bar.sum(axis=0))


ADRule(
    id="JPK0",
    title="Forward and reverse rules of the GRU cell (PyTorch's gates r, z, n)",
    primitive="gru_cell",
    latex=r"u = x\mathbf{W_x}^{\top} + \mathbf{b_x} = \bigl[u_r\ u_z\ u_n\bigr],\ "
          r"v = h\mathbf{W_h}^{\top} + \mathbf{b_h} = \bigl[v_r\ v_z\ v_n\bigr],\quad "
          r"r = \sigma(u_r + v_r),\ z = \sigma(u_z + v_z),\ n = \tanh(u_n + r\circ v_n),\quad "
          r"h' = (1 - z)\circ n + z\circ h",
    variables={**_RNN_VARIABLES,
               "Wx": Matrix(3 * _RNN_H, "I", tex=_bold("W_x"), description="weight_ih: the gates' input weights stacked "
                                                                            "in the order r, z, n, 3H × I"),
               "Wh": Matrix(3 * _RNN_H, _RNN_H, tex=_bold("W_h"), description="weight_hh: the recurrent weights stacked "
                                                                              "likewise, 3H × H"),
               "bx": Vector(3 * _RNN_H, tex=_bold("b_x"), description="bias_ih, 3H"),
               "bh": Vector(3 * _RNN_H, tex=_bold("b_h"), description="bias_hh, 3H"),
               },
    wrt=("x", "h", "Wx", "Wh", "bx", "bh"),
    outputs=("h1",),
    output_tex={"h1": "h'"},
    sizes=(4, 7),
    f=_gru_f,
    jvp=(r"\dot{u} = \dot{x}\mathbf{W_x}^{\top} + x\dot{\mathbf{W_x}}^{\top} + \dot{\mathbf{b_x}},\ "
         r"\dot{v} = \dot{h}\mathbf{W_h}^{\top} + h\dot{\mathbf{W_h}}^{\top} + \dot{\mathbf{b_h}},\quad "
         r"\dot{r} = r\circ(1 - r)\circ(\dot{u}_r + \dot{v}_r),\ \dot{z} = z\circ(1 - z)\circ(\dot{u}_z + \dot{v}_z),\ "
         r"\dot{n} = (1 - n^{2})\circ(\dot{u}_n + \dot{r}\circ v_n + r\circ\dot{v}_n),\quad "
         r"\dot{h'} = (h - n)\circ\dot{z} + (1 - z)\circ\dot{n} + z\circ\dot{h}",
         _gru_jvp),
    vjp=(r"\bar{u}_n = \bar{h'}\circ(1 - z)\circ(1 - n^{2}),\ \bar{u}_r = \bar{u}_n\circ v_n\circ r\circ(1 - r),\ "
         r"\bar{u}_z = \bar{h'}\circ(h - n)\circ z\circ(1 - z),\quad "
         r"\bar{u} = \bigl[\bar{u}_r\ \bar{u}_z\ \bar{u}_n\bigr],\ \bar{v} = \bigl[\bar{u}_r\ \bar{u}_z\ r\circ\bar{u}_n\bigr],"
         r"\quad \bar{x} = \bar{u}\mathbf{W_x},\ \bar{h} = \bar{h'}\circ z + \bar{v}\mathbf{W_h},\ "
         r"\bar{\mathbf{W_x}} = \bar{u}^{\top}x,\ \bar{\mathbf{W_h}} = \bar{v}^{\top}h,\ "
         r"\bar{\mathbf{b_x}} = \bar{u}^{\top}\mathbf{1},\ \bar{\mathbf{b_h}} = \bar{v}^{\top}\mathbf{1}",
         _gru_vjp),
    symbols={**_RNN_SYMBOLS,
             "u": "the input part of the gate pre-activations, N × 3H, cut into N × H blocks u_r, u_z, u_n",
             "v": "the recurrent part, cut likewise into v_r, v_z, v_n",
             "r": "the reset gate", "z": "the update gate", "n": "the candidate state",
             r"\dot{u}": "the tangent of u (blocks subscripted like u)", r"\dot{v}": "the tangent of v",
             r"\dot{r}": "the tangent of the reset gate", r"\dot{z}": "the tangent of the update gate",
             r"\dot{n}": "the tangent of the candidate",
             r"\bar{u}": "the cotangent of u (blocks subscripted like u)", r"\bar{v}": "the cotangent of v"},
    crosswalk={"pytorch": "torch.nn.GRUCell (torch.gru_cell), bias=True",
               "pytorch_derivative": "on CPU none: gru_cell is composite (two linear layers, chunk, sigmoid, tanh), "
                                     "differentiated through those entries; on CUDA it calls _thnn_fused_gru_cell(input_gates, "
                                     "hidden_gates, hx, input_bias, hidden_bias): all five: _thnn_fused_gru_cell_backward(grad, "
                                     "result1, input_bias.defined()) (or _thnn_differentiable_gru_cell_backward in grad mode)",
               "jax": "flax.linen.GRUCell: the same formulas (the reset gate applied to the recurrent dense layer of n "
                      "after its bias, the update gate weighting the old state), kernels in × out, biases on the input "
                      "layers and on the recurrent layer of n only; JAX itself has no GRU cell"},
    notes="Samples as rows: x is N × I and h is N × H with H fixed at 3 and N and I drawn different (4 to 7), so "
          "the stacked weights are 9 × I and 9 × 3. These are PyTorch's formulas: the reset gate multiplies the "
          "recurrent pre-activation of the candidate after its bias (the cuDNN variant), not the state before the "
          "weights as in Cho et al. (2014); and the update gate weights the old state, so some texts' z is one minus "
          "this one. The two biases of r and z are added together and receive the same cotangent, but those of the "
          "candidate differ: the recurrent one is scaled by the reset gate.",
    references=[ref("cho-2014", "§2.3 Hidden Unit that Adaptively Remembers and Forgets",
                    "there the reset gate multiplies the state before the recurrent weights; PyTorch applies it after"),
                ref("goodfellow-2016", "§10.10.2 Other Gated RNNs"), ref("giles-2008", "multiplication")],
    related=["43KK", "7Z06", "0MJ8", "NLTF", "DWWL"],
    aliases=["GRU backward", "GRUCell gradient", "backprop through a GRU cell", "vjp of gru_cell",
             "gated recurrent unit derivatives"],
)


# --------------------------------------------------------------------------------------------
# Rotary position embeddings on N × L × D, D = 6, base 10000, positions 0 to L − 1


_ROPE_D = 6
_ROPE_BASE = 10000.0


def _rope_angles(L, D):
    """Angle l·θ_i of position l and pair i, an L × D/2 array, θ_i the base to the power −2i/D."""
    theta = _ROPE_BASE ** (-np.arange(0, D, 2) / D)
    return np.arange(L)[:, None] * theta[None, :]


def _rope_pairs(x, sign=1.0):
    """The rotation of each pair (x_2i, x_2i+1) by the angle of its position, as torchtune computes it."""
    a = sign * _rope_angles(x.shape[1], x.shape[2])
    even, odd = x[..., 0::2], x[..., 1::2]
    return np.stack([even * np.cos(a) - odd * np.sin(a), odd * np.cos(a) + even * np.sin(a)], axis=-1).reshape(x.shape)


def _rope_matrices(L, D):
    """R_l, the D × D block-diagonal rotation of position l, for every l: an L × D × D array."""
    a = _rope_angles(L, D)
    R = np.zeros((L, D, D))
    for i in range(D // 2):
        c, s = np.cos(a[:, i]), np.sin(a[:, i])
        R[:, 2 * i, 2 * i], R[:, 2 * i, 2 * i + 1] = c, -s
        R[:, 2 * i + 1, 2 * i], R[:, 2 * i + 1, 2 * i + 1] = s, c
    return R


def _rope_halves(x):
    """The halves convention (GPT-NeoX, Hugging Face's rotate_half): feature i pairs with i + D/2."""
    a = _rope_angles(x.shape[1], x.shape[2])
    cos, sin = np.concatenate([np.cos(a), np.cos(a)], -1), np.concatenate([np.sin(a), np.sin(a)], -1)
    h = x.shape[2] // 2
    return x * cos + np.concatenate([-x[..., h:], x[..., :h]], -1) * sin


def _interleave(x):
    """Π x: the halves layout put into the pairs layout (feature i to 2i, feature i + D/2 to 2i + 1)."""
    h = x.shape[2] // 2
    return np.stack([x[..., :h], x[..., h:]], axis=-1).reshape(x.shape)


def _deinterleave(y):
    """Πᵀ y: the pairs layout back into halves."""
    return np.concatenate([y[..., 0::2], y[..., 1::2]], axis=-1)


ADRule(
    id="YFAR",
    title="Forward and reverse rules of rotary position embeddings (RoPE, interleaved pairs, base 10000)",
    primitive="rotary_embedding",
    latex=r"y_{n,l,2i} = x_{n,l,2i}\cos(l\theta_i) - x_{n,l,2i+1}\sin(l\theta_i),\quad "
          r"y_{n,l,2i+1} = x_{n,l,2i}\sin(l\theta_i) + x_{n,l,2i+1}\cos(l\theta_i),\quad \theta_i = 10000^{-2i/D}",
    variables={"x": Tensor(("N", "L", _ROPE_D), description="the queries or keys of one head: batch N, length L, "
                                                             "head size D, here 6 (even)")},
    wrt=("x",),
    outputs=("y",),
    f=lambda x: _rope_pairs(x),
    jvp=(r"\dot{y}_{n,l} = R_l\,\dot{x}_{n,l},\quad R_l = \operatorname{blockdiag}_{i}\begin{bmatrix}\cos(l\theta_i) & "
         r"-\sin(l\theta_i) \\ \sin(l\theta_i) & \cos(l\theta_i)\end{bmatrix}",
         lambda x, dx: np.einsum("lde,nle->nld", _rope_matrices(x.shape[1], x.shape[2]), dx)),
    vjp=(r"\bar{x}_{n,l} = R_l^{\top}\bar{y}_{n,l}",
         lambda x, y_bar: np.einsum("led,nle->nld", _rope_matrices(x.shape[1], x.shape[2]), y_bar)),
    symbols={"n": "the batch index", "l": "the position, 0 to L − 1",
             "i": "the pair, 0 to D/2 − 1 (features are numbered from 0)",
             r"\theta": "the frequencies: θ_i is 10000 to the power −2i/D", "D": "the head size, here 6",
             "R": "R_l, the D × D block-diagonal rotation of position l, one 2 × 2 block per pair",
             r"\Pi": "the permutation of the features that sends feature i to 2i and feature i + D/2 to 2i + 1 "
                     "(halves to interleaved pairs)"},
    also=[
        Formula(r"\bar{x} = \operatorname{RoPE}_{-\theta}(\bar{y}) \quad (\text{the reverse rule rotates back: the same "
                r"map with the angles negated})",
                lambda x, y_bar: np.einsum("led,nle->nld", _rope_matrices(x.shape[1], x.shape[2]), y_bar),
                lambda y_bar: _rope_pairs(y_bar, sign=-1.0)),
        Formula(r"\operatorname{RoPE}_{\mathrm{half}}(x) = \Pi^{\top}\operatorname{RoPE}(\Pi x) \quad (\text{the halves "
                r"convention, pairing feature } i \text{ with } i + D/2\text{, is this one with the features permuted})",
                lambda x: _rope_halves(x), lambda x: _deinterleave(_rope_pairs(_interleave(x)))),
    ],
    crosswalk={"pytorch": "no such function in PyTorch itself; torchtune.modules.RotaryPositionalEmbeddings "
                          "(interleaved pairs, base 10000, input batch × length × heads × head size) matches this record, "
                          "as does Meta's LLaMA reference (pairs as complex numbers); Hugging Face transformers' "
                          "apply_rotary_pos_emb with rotate_half is the halves convention",
               "pytorch_derivative": "none: RoPE is written out in Python (products with cached cos and sin and a "
                                     "reshape or concatenation), so autograd chains mul, sub, stack and view",
               "jax": "no such function in JAX or Flax (linen or nnx); models write it out, in either convention"},
    notes="Batch first, one head: x is N × L × D with D fixed at 6 (three pairs) and N and L drawn different, positions "
          "numbered from 0, so the first position is left unrotated. RoPE is linear in its input and orthogonal at "
          "every position, so the forward rule applies the same rotations to the tangent and the reverse rule applies "
          "the inverse rotations to the cotangent: backpropagating through RoPE is RoPE with the angles negated. The "
          "record follows the interleaved-pairs convention of the RoFormer paper and torchtune. The halves convention "
          "(GPT-NeoX, Hugging Face) is the same map after a fixed permutation of the features (the second formula below), "
          "so the same rules hold for it with the permutation; checkpoints of one convention need their query and key "
          "weights permuted to be used with the other.",
    sketch="RoPE multiplies each position's features by a fixed block-diagonal rotation, a linear map: its tangent is "
           "the same rotation of the tangent, and its cotangent is the transposed rotation, which for a rotation is "
           "the rotation by the opposite angle.",
    references=[ref("su-2021", "§3.4.2 Computational efficient realization of rotary matrix multiplication")],
    related=["Z21U", "YR33"],
    aliases=["RoPE backward", "rotary embedding gradient", "rotary position embedding backward",
             "vjp of rotary embeddings", "apply_rotary_pos_emb backward"],
)
