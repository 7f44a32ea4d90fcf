"""Answers the exercise checks of 09_recurrent_networks.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "calls the nn.RNN it was given": '''
def stacked_rnn_forward(x, rnn):
    return rnn(x)[0]
''',
            "returns the first layer's states": '''
def stacked_rnn_forward(x, rnn):
    first, _ = rnn_forward(x, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0)
    return first
''',
            "feeds x, not the first layer's states, into layer 2": '''
def stacked_rnn_forward(x, rnn):
    rnn_forward(x, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0)
    second, _ = rnn_forward(x, rnn.weight_ih_l1, rnn.weight_hh_l1, rnn.bias_ih_l1, rnn.bias_hh_l1)
    return second
''',
            "input and recurrent weights swapped in layer 2": '''
def stacked_rnn_forward(x, rnn):
    first, _ = rnn_forward(x, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0)
    second, _ = rnn_forward(first, rnn.weight_hh_l1, rnn.weight_ih_l1, rnn.bias_ih_l1, rnn.bias_hh_l1)
    return second
''',
            "forgets the recurrent biases": '''
def stacked_rnn_forward(x, rnn):
    first, _ = rnn_forward(x, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, torch.zeros_like(rnn.bias_hh_l0))
    second, _ = rnn_forward(first, rnn.weight_ih_l1, rnn.weight_hh_l1, rnn.bias_ih_l1, torch.zeros_like(rnn.bias_hh_l1))
    return second
''',
            "returns only the last state of the top layer": '''
def stacked_rnn_forward(x, rnn):
    first, _ = rnn_forward(x, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0)
    _, last = rnn_forward(first, rnn.weight_ih_l1, rnn.weight_hh_l1, rnn.bias_ih_l1, rnn.bias_hh_l1)
    return last
''',
            "own loop, zero state created on the CPU": '''
def stacked_rnn_forward(x, rnn):
    inputs = x
    for layer in range(2):
        W_ih, W_hh = getattr(rnn, f"weight_ih_l{layer}"), getattr(rnn, f"weight_hh_l{layer}")
        b = getattr(rnn, f"bias_ih_l{layer}") + getattr(rnn, f"bias_hh_l{layer}")
        s = torch.zeros(x.shape[0], W_hh.shape[0], dtype=x.dtype)
        states = []
        for t in range(x.shape[1]):
            s = torch.tanh(inputs[:, t] @ W_ih.T + s @ W_hh.T + b)
            states.append(s)
        inputs = torch.stack(states, dim=1)
    return inputs
''',
            "an nn.RNNCell per layer": '''
def stacked_rnn_forward(x, rnn):
    inputs = x
    for layer in range(2):
        cell = nn.RNNCell(inputs.shape[-1], rnn.hidden_size).to(x.dtype)
        with torch.no_grad():
            cell.weight_ih.copy_(getattr(rnn, f"weight_ih_l{layer}"))
            cell.weight_hh.copy_(getattr(rnn, f"weight_hh_l{layer}"))
            cell.bias_ih.copy_(getattr(rnn, f"bias_ih_l{layer}"))
            cell.bias_hh.copy_(getattr(rnn, f"bias_hh_l{layer}"))
        s, states = None, []
        for t in range(x.shape[1]):
            s = cell(inputs[:, t], s)
            states.append(s)
        inputs = torch.stack(states, dim=1)
    return inputs
''',
        },
        "accept": {
            "a loop over the layers with getattr": '''
def stacked_rnn_forward(x, rnn):
    states = x
    for layer in range(rnn.num_layers):
        states, _ = rnn_forward(states, *(getattr(rnn, f"{name}_l{layer}")
                                          for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")))
    return states
''',
            "own time loop, input projection for all steps at once": '''
def stacked_rnn_forward(x, rnn):
    inputs = x
    for layer in ("l0", "l1"):
        W_hh = getattr(rnn, "weight_hh_" + layer)
        projected = inputs @ getattr(rnn, "weight_ih_" + layer).T + getattr(rnn, "bias_ih_" + layer)
        s = x.new_zeros(x.shape[0], W_hh.shape[0])
        states = []
        for t in range(x.shape[1]):
            s = torch.tanh(projected[:, t] + s @ W_hh.T + getattr(rnn, "bias_hh_" + layer))
            states.append(s)
        inputs = torch.stack(states, dim=1)
    return inputs
''',
            "column-vector form with torch.zeros_like": '''
def stacked_rnn_forward(x, rnn):
    def layer(inputs, W_ih, W_hh, b_ih, b_hh):
        s = torch.zeros_like(inputs[:, 0, :1].expand(-1, W_hh.shape[0]))
        out = []
        for t in range(inputs.shape[1]):
            s = torch.tanh((W_ih @ inputs[:, t].T + W_hh @ s.T).T + b_ih + b_hh)
            out.append(s)
        return torch.stack(out, dim=1)

    first = layer(x, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0)
    return layer(first, rnn.weight_ih_l1, rnn.weight_hh_l1, rnn.bias_ih_l1, rnn.bias_hh_l1)
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "newest factor on the right": '''
def state_jacobian(states, W, k):
    J = torch.eye(W.shape[0], dtype=W.dtype, device=W.device)
    for t in range(k + 1, len(states) + 1):
        J = J @ torch.diag(1 - states[t - 1]**2) @ W
    return J
''',
            "one factor too many (starts at t = k)": '''
def state_jacobian(states, W, k):
    J = torch.eye(W.shape[0], dtype=W.dtype, device=W.device)
    for t in range(k, len(states) + 1):
        J = torch.diag(1 - states[t - 1]**2) @ W @ J
    return J
''',
            "forgets the tanh derivative": '''
def state_jacobian(states, W, k):
    J = torch.eye(W.shape[0], dtype=W.dtype, device=W.device)
    for t in range(k + 1, len(states) + 1):
        J = W @ J
    return J
''',
            "derivative 1 - s instead of 1 - s**2": '''
def state_jacobian(states, W, k):
    J = torch.eye(W.shape[0], dtype=W.dtype, device=W.device)
    for t in range(k + 1, len(states) + 1):
        J = torch.diag(1 - states[t - 1]) @ W @ J
    return J
''',
            "diag on the right of W": '''
def state_jacobian(states, W, k):
    J = torch.eye(W.shape[0], dtype=W.dtype, device=W.device)
    for t in range(k + 1, len(states) + 1):
        J = W @ torch.diag(1 - states[t - 1]**2) @ J
    return J
''',
            "identity of a hard-coded size 5": '''
def state_jacobian(states, W, k):
    J = torch.eye(5, dtype=W.dtype, device=W.device)
    for t in range(k + 1, len(states) + 1):
        J = torch.diag(1 - states[t - 1]**2) @ W @ J
    return J
''',
            "identity created on the CPU": '''
def state_jacobian(states, W, k):
    J = torch.eye(W.shape[0], dtype=W.dtype)
    for t in range(k + 1, len(states) + 1):
        J = torch.diag(1 - states[t - 1]**2) @ W @ J
    return J
''',
        },
        "accept": {
            "broadcasting instead of diag, from T down to k + 1": '''
def state_jacobian(states, W, k):
    J = torch.eye(W.shape[0], dtype=W.dtype, device=W.device)
    for t in range(len(states), k, -1):
        J = J @ ((1 - states[t - 1]**2)[:, None] * W)
    return J
''',
            "all factors first, then functools.reduce": '''
import functools


def state_jacobian(states, W, k):
    factors = [torch.diag(1 - s**2) @ W for s in states[k:]]
    return functools.reduce(lambda left, right: left @ right, reversed(factors))
''',
            "start from the last factor, eye_like via W.new_ones": '''
def state_jacobian(states, W, k):
    J = torch.diag(W.new_ones(W.shape[0]))
    for s_t in states[k:]:
        J = torch.diag(1 - s_t * s_t) @ (W @ J)
    return J
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "a new tensor instead of in place": '''
@torch.no_grad()
def clip_grad_value(parameters, clip_value):
    for p in parameters:
        if p.grad is not None:
            p.grad = p.grad.clamp(-clip_value, clip_value)
''',
            "clips only from above": '''
@torch.no_grad()
def clip_grad_value(parameters, clip_value):
    for p in parameters:
        if p.grad is not None:
            p.grad.clamp_(max=clip_value)
''',
            "clips by norm instead of by value": '''
@torch.no_grad()
def clip_grad_value(parameters, clip_value):
    torch.nn.utils.clip_grad_norm_(parameters, clip_value)
''',
            "calls PyTorch's clip_grad_value_": '''
@torch.no_grad()
def clip_grad_value(parameters, clip_value):
    torch.nn.utils.clip_grad_value_(parameters, clip_value)
''',
            "forgets parameters without a gradient": '''
@torch.no_grad()
def clip_grad_value(parameters, clip_value):
    for p in parameters:
        p.grad.clamp_(-clip_value, clip_value)
''',
            "clamps the weights instead of their gradients": '''
@torch.no_grad()
def clip_grad_value(parameters, clip_value):
    for p in parameters:
        if p.grad is not None:
            p.clamp_(-clip_value, clip_value)
''',
        },
        "accept": {
            "torch.clamp with out=": '''
@torch.no_grad()
def clip_grad_value(parameters, clip_value):
    for p in parameters:
        if p.grad is not None:
            torch.clamp(p.grad, -clip_value, clip_value, out=p.grad)
''',
            "masked assignment": '''
@torch.no_grad()
def clip_grad_value(parameters, clip_value):
    for p in parameters:
        g = p.grad
        if g is None:
            continue
        g[g > clip_value] = clip_value
        g[g < -clip_value] = -clip_value
''',
            "copy_ of torch.where, two one-sided clamps": '''
def clip_grad_value(parameters, clip_value):
    with torch.no_grad():
        for p in (q for q in parameters if q.grad is not None):
            p.grad.copy_(torch.where(p.grad.abs() > clip_value, clip_value * p.grad.sign(), p.grad))
            p.grad.clamp_(min=-clip_value).clamp_(max=clip_value)
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "divides by len(text) instead of len(text) - 1": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    ids = tokenizer.encode(text).to(device)
    state, total = None, 0.0
    for t in range(len(ids) - 1):
        logits, state = model(ids[t].view(1, 1), state)
        total += F.cross_entropy(logits[0], ids[t + 1 : t + 2]).item()
    return total / len(ids)
''',
            "does not carry the state": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    ids = tokenizer.encode(text).to(device)
    total = 0.0
    for t in range(len(ids) - 1):
        logits, _ = model(ids[t].view(1, 1), None)
        total += F.cross_entropy(logits[0], ids[t + 1 : t + 2]).item()
    return total / (len(ids) - 1)
''',
            "the whole text in one call": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    ids = tokenizer.encode(text)[None].to(device)
    logits, _ = model(ids[:, :-1])
    return F.cross_entropy(logits[0], ids[0, 1:]).item()
''',
            "returns the sum, not the mean": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    ids = tokenizer.encode(text).to(device)
    state, total = None, 0.0
    for t in range(len(ids) - 1):
        logits, state = model(ids[t].view(1, 1), state)
        total += F.cross_entropy(logits[0], ids[t + 1 : t + 2]).item()
    return total
''',
            "scores the character just read": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    ids = tokenizer.encode(text).to(device)
    state, total = None, 0.0
    for t in range(len(ids) - 1):
        logits, state = model(ids[t].view(1, 1), state)
        total += F.cross_entropy(logits[0], ids[t : t + 1]).item()
    return total / (len(ids) - 1)
''',
            "the number printed for the trained model": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    return 1.787
''',
            "a tensor of shape (1,)": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    ids = tokenizer.encode(text).to(device)
    state, losses = None, []
    for t in range(len(ids) - 1):
        logits, state = model(ids[t].view(1, 1), state)
        losses.append(F.cross_entropy(logits[0], ids[t + 1 : t + 2], reduction="none"))
    return torch.stack(losses).mean(dim=0)
''',
        },
        "accept": {
            "a 0-dim tensor from log_softmax": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    ids = tokenizer.encode(text).to(device)
    state, nll = None, []
    for current, following in zip(ids[:-1], ids[1:]):
        logits, state = model(current.view(1, 1), state)
        nll.append(-torch.log_softmax(logits[0, -1], dim=-1)[following])
    return torch.stack(nll).mean()
''',
            "reads every character, scores all but the last output": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    ids = tokenizer.encode(text).to(device)
    state, outputs = None, []
    for i in range(len(ids)):
        logits, state = model(ids[i : i + 1][None], state)
        outputs.append(logits[0, 0])
    return F.cross_entropy(torch.stack(outputs[:-1]), ids[1:]).item()
''',
            "an explicit zero initial state, float64 sum": '''
@torch.no_grad()
def nats_per_char(model, text):
    model.eval()
    ids = tokenizer.encode(text).tolist()
    state = torch.zeros(1, 1, model.rnn.hidden_size, device=device)
    total = torch.zeros((), dtype=torch.float64)
    for a, b in zip(ids, ids[1:]):
        logits, state = model(torch.tensor([[a]], device=device), state)
        total += torch.log_softmax(logits[0, 0].double(), dim=0)[b].neg().cpu()
    return float(total) / (len(ids) - 1)
''',
        },
    },
}
