"""Answers the exercise checks of 02_multilayer_perceptron.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "the threshold network's numbers copied (OR, AND biases -0.5 and -1.5)": '''
relu_W1 = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
relu_b1 = torch.tensor([-0.5, -1.5])
relu_W2 = torch.tensor([[1.0, -1.0]])
relu_b2 = torch.tensor([-0.5])
''',
            "subtracts the (1, 1) unit once instead of twice": '''
relu_W1 = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
relu_b1 = torch.tensor([0.0, -1.0])
relu_W2 = torch.tensor([[1.0, -1.0]])
relu_b2 = torch.tensor([0.0])
''',
            "forgot the bias of the second unit": '''
relu_W1 = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
relu_b1 = torch.tensor([0.0, 0.0])
relu_W2 = torch.tensor([[1.0, -2.0]])
relu_b2 = torch.tensor([0.0])
''',
            "sign of the output weights flipped": '''
relu_W1 = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
relu_b1 = torch.tensor([0.0, -1.0])
relu_W2 = torch.tensor([[-1.0, 2.0]])
relu_b2 = torch.tensor([0.0])
''',
            "right numbers, but W2 as a vector of shape (2,)": '''
relu_W1 = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
relu_b1 = torch.tensor([0.0, -1.0])
relu_W2 = torch.tensor([1.0, -2.0])
relu_b2 = torch.tensor([0.0])
''',
            "OR minus AND with a bias of -1 on both units": '''
relu_W1 = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
relu_b1 = torch.tensor([-1.0, -1.0])
relu_W2 = torch.tensor([[1.0, -2.0]])
relu_b2 = torch.tensor([1.0])
''',
        },
        "accept": {
            "|x1 - x2| as relu(x1 - x2) + relu(x2 - x1)": '''
relu_W1 = torch.tensor([[1.0, -1.0], [-1.0, 1.0]])
relu_b1 = torch.tensor([0.0, 0.0])
relu_W2 = torch.tensor([[1.0, 1.0]])
relu_b2 = torch.tensor([0.0])
''',
            "integer tensors": '''
relu_W1 = torch.tensor([[1, 1], [1, 1]])
relu_b1 = torch.tensor([0, -1])
relu_W2 = torch.tensor([[1, -2]])
relu_b2 = torch.tensor([0])
''',
            "scaled hidden units, float64": '''
relu_W1 = torch.tensor([[2.0, 2.0], [4.0, 4.0]], dtype=torch.float64)
relu_b1 = torch.tensor([0.0, -4.0], dtype=torch.float64)
relu_W2 = torch.tensor([[0.5, -0.5]], dtype=torch.float64)
relu_b2 = torch.tensor([0.0], dtype=torch.float64)
''',
            "built with torch.ones and a shifted output": '''
relu_W1 = torch.ones(2, 2)
relu_b1 = torch.tensor([-1.0, 0.0])
relu_W2 = torch.tensor([[-2.0, 1.0]])
relu_b2 = torch.zeros(1)
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "the product in the wrong order": '''
def collapse(W1, b1, W2, b2):
    return W1 @ W2, W2 @ b1 + b2
''',
            "forgot b2": '''
def collapse(W1, b1, W2, b2):
    return W2 @ W1, W2 @ b1
''',
            "b1 added without passing through W2": '''
def collapse(W1, b1, W2, b2):
    return W2 @ W1, b1 + b2
''',
            "the weight transposed": '''
def collapse(W1, b1, W2, b2):
    return (W2 @ W1).T, W2 @ b1 + b2
''',
            "element-wise products": '''
def collapse(W1, b1, W2, b2):
    return W2 * W1, W2 * b1 + b2
''',
            "b1 multiplied by W1 instead of W2": '''
def collapse(W1, b1, W2, b2):
    return W2 @ W1, W1 @ b1 + b2
''',
        },
        "accept": {
            "torch.matmul and torch.addmv": '''
def collapse(W1, b1, W2, b2):
    return torch.matmul(W2, W1), torch.addmv(b2, W2, b1)
''',
            "einsum": '''
def collapse(W1, b1, W2, b2):
    W = torch.einsum("km,mn->kn", W2, W1)
    b = torch.einsum("km,m->k", W2, b1) + b2
    return W, b
''',
            "push the origin and the unit vectors through both layers": '''
def collapse(W1, b1, W2, b2):
    def layers(x):
        return (x @ W1.T + b1) @ W2.T + b2

    n = W1.shape[1]
    b = layers(torch.zeros(n, dtype=W1.dtype))
    W = (layers(torch.eye(n, dtype=W1.dtype)) - b).T
    return W, b
''',
            "in float64, then back to the input's dtype, as a list": '''
def collapse(W1, b1, W2, b2):
    W = W2.double() @ W1.double()
    b = W2.double() @ b1.double() + b2.double()
    return [W.to(W1.dtype), b.to(W1.dtype)]
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "forgot the biases": '''
def mlp_parameter_count(sizes):
    return sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
''',
            "a bias per input instead of per output": '''
def mlp_parameter_count(sizes):
    return sum(n_in * n_out + n_in for n_in, n_out in zip(sizes[:-1], sizes[1:]))
''',
            "a bias for every size, the input layer too": '''
def mlp_parameter_count(sizes):
    return sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])) + sum(sizes)
''',
            "written for exactly three sizes": '''
def mlp_parameter_count(sizes):
    return sizes[0] * sizes[1] + sizes[1] + sizes[1] * sizes[2] + sizes[2]
''',
            "counts the layers of a real network (nn.Linear is ruled out)": '''
def mlp_parameter_count(sizes):
    layers = [nn.Linear(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return sum(p.numel() for layer in layers for p in layer.parameters())
''',
            "the digit network's 2410, hard-coded": '''
def mlp_parameter_count(sizes):
    return 2410
''',
            "off by one: skips the last layer": '''
def mlp_parameter_count(sizes):
    total = 0
    for i in range(len(sizes) - 2):
        total += sizes[i] * sizes[i + 1] + sizes[i + 1]
    return total
''',
        },
        "accept": {
            "a loop with +=": '''
def mlp_parameter_count(sizes):
    total = 0
    for i in range(1, len(sizes)):
        total += (sizes[i - 1] + 1) * sizes[i]
    return total
''',
            "numpy dot products": '''
import numpy as np


def mlp_parameter_count(sizes):
    sizes = np.array(sizes)
    return int(np.dot(sizes[:-1], sizes[1:]) + sizes[1:].sum())
''',
            "recursion, returning a 0-dim tensor": '''
def mlp_parameter_count(sizes):
    if len(sizes) < 2:
        return torch.tensor(0)
    return torch.tensor(sizes[0] * sizes[1] + sizes[1]) + mlp_parameter_count(sizes[1:])
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "no shift: overflows": '''
def stable_cross_entropy(logits, targets):
    log_normaliser = torch.log(torch.exp(logits).sum(dim=1))
    return (log_normaliser - logits[torch.arange(len(targets)), targets]).mean()
''',
            "shifted by the largest logit of the whole batch": '''
def stable_cross_entropy(logits, targets):
    m = logits.max()
    log_normaliser = m + torch.log(torch.exp(logits - m).sum(dim=1))
    return (log_normaliser - logits[torch.arange(len(targets)), targets]).mean()
''',
            "shifted, but the maximum is never added back": '''
def stable_cross_entropy(logits, targets):
    m = logits.max(dim=1, keepdim=True).values
    log_normaliser = torch.log(torch.exp(logits - m).sum(dim=1))
    return (log_normaliser - logits[torch.arange(len(targets)), targets]).mean()
''',
            "the maximum over the wrong axis": '''
def stable_cross_entropy(logits, targets):
    m = logits.max(dim=0, keepdim=True).values
    shifted = logits - m
    log_probs = shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))
    return -log_probs[torch.arange(len(targets)), targets].mean()
''',
            "sum over the batch instead of the mean": '''
def stable_cross_entropy(logits, targets):
    m = logits.max(dim=1, keepdim=True).values
    log_normaliser = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    return (log_normaliser - logits[torch.arange(len(targets)), targets]).sum()
''',
            "per-example losses, no mean": '''
def stable_cross_entropy(logits, targets):
    m = logits.max(dim=1, keepdim=True).values
    log_normaliser = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    return log_normaliser - logits[torch.arange(len(targets)), targets]
''',
            "indexes every row with every target": '''
def stable_cross_entropy(logits, targets):
    m = logits.max(dim=1, keepdim=True).values
    log_probs = logits - m - torch.log(torch.exp(logits - m).sum(dim=1, keepdim=True))
    return -log_probs[:, targets].mean()
''',
            "the forbidden torch.logsumexp": '''
def stable_cross_entropy(logits, targets):
    return (torch.logsumexp(logits, dim=1) - logits[torch.arange(len(targets)), targets]).mean()
''',
            "the forbidden F.log_softmax": '''
def stable_cross_entropy(logits, targets):
    return -F.log_softmax(logits, dim=1)[torch.arange(len(targets)), targets].mean()
''',
        },
        "accept": {
            "a log-softmax by hand and gather": '''
def stable_cross_entropy(logits, targets):
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -log_probs.gather(1, targets.unsqueeze(1)).mean()
''',
            "one-hot weights, computed in float64, returned as a Python float": '''
def stable_cross_entropy(logits, targets):
    z = logits.double()
    m = z.max(dim=1, keepdim=True).values
    log_probs = z - m - torch.log(torch.exp(z - m).sum(dim=1, keepdim=True))
    one_hot = torch.eye(z.shape[1], dtype=z.dtype)[targets]
    return -(one_hot * log_probs).sum(dim=1).mean().item()
''',
            "a loop over the rows": '''
def stable_cross_entropy(logits, targets):
    losses = []
    for row, target in zip(logits, targets):
        m = row.max()
        losses.append(m + torch.log(torch.exp(row - m).sum()) - row[target])
    return torch.stack(losses).mean()
''',
        },
    },
}
