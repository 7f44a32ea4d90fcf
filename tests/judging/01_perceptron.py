"""Answers the exercise checks of 01_perceptron.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "NAND with the bias not flipped": '''
gates = {
    "AND": (torch.tensor([1.0, 1.0]), -1.5),
    "OR": (torch.tensor([1.0, 1.0]), -0.5),
    "NAND": (torch.tensor([-1.0, -1.0]), -1.5),
}
''',
            "AND with b = -2: the corner (1, 1) scores exactly 0": '''
gates = {
    "AND": (torch.tensor([1.0, 1.0]), -2.0),
    "OR": (torch.tensor([1.0, 1.0]), -0.5),
    "NAND": (torch.tensor([-1.0, -1.0]), 1.5),
}
''',
            "OR with b = -1: the corners (0, 1) and (1, 0) score exactly 0": '''
gates = {
    "AND": (torch.tensor([1.0, 1.0]), -1.5),
    "OR": (torch.tensor([1.0, 1.0]), -1.0),
    "NAND": (torch.tensor([-1.0, -1.0]), 1.5),
}
''',
            "AND and OR swapped": '''
gates = {
    "AND": (torch.tensor([1.0, 1.0]), -0.5),
    "OR": (torch.tensor([1.0, 1.0]), -1.5),
    "NAND": (torch.tensor([-1.0, -1.0]), 1.5),
}
''',
            "NOR instead of NAND": '''
gates = {
    "AND": (torch.tensor([1.0, 1.0]), -1.5),
    "OR": (torch.tensor([1.0, 1.0]), -0.5),
    "NAND": (torch.tensor([-1.0, -1.0]), 0.5),
}
''',
            "NAND as AND with only the bias flipped": '''
gates = {
    "AND": (torch.tensor([1.0, 1.0]), -1.5),
    "OR": (torch.tensor([1.0, 1.0]), -0.5),
    "NAND": (torch.tensor([1.0, 1.0]), 1.5),
}
''',
        },
        "accept": {
            "other numbers, all scaled by 2": '''
gates = {
    "AND": (torch.tensor([2.0, 2.0]), -3.0),
    "OR": (torch.tensor([2.0, 2.0]), -1.0),
    "NAND": (torch.tensor([-2.0, -2.0]), 3.0),
}
''',
            "ties that the step function's convention gets right": '''
gates = {
    "AND": (torch.tensor([1.0, 1.0]), -1.0),
    "OR": (torch.tensor([1.0, 1.0]), 0.0),
    "NAND": (torch.tensor([-1.0, -1.0]), 2.0),
}
''',
            "lists, integers and tensor biases": '''
gates = {
    "AND": ([1, 1], torch.tensor(-1.5)),
    "OR": ([3, 3], -1),
    "NAND": (torch.tensor([-1.0, -1.0], dtype=torch.float64), torch.tensor(1.5, dtype=torch.float64)),
}
''',
            "unequal weights": '''
gates = {
    "AND": (torch.tensor([1.0, 2.0]), -2.5),
    "OR": (torch.tensor([2.0, 1.0]), -0.5),
    "NAND": (torch.tensor([-1.0, -3.0]), 3.5),
}
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "ones last instead of first": '''
def with_constant_input(X):
    return torch.cat([X, torch.ones_like(X[:, :1])], dim=1)


def fold_bias(W, b):
    return torch.cat([b[:, None], W], dim=1)
''',
            "bias last instead of first": '''
def with_constant_input(X):
    return torch.cat([torch.ones_like(X[:, :1]), X], dim=1)


def fold_bias(W, b):
    return torch.cat([W, b[:, None]], dim=1)
''',
            "both last (the product still equals XW^T + b)": '''
def with_constant_input(X):
    return torch.cat([X, torch.ones_like(X[:, :1])], dim=1)


def fold_bias(W, b):
    return torch.cat([W, b[:, None]], dim=1)
''',
            "plain torch.ones: default dtype and device": '''
def with_constant_input(X):
    return torch.cat([torch.ones(len(X), 1), X], dim=1)


def fold_bias(W, b):
    return torch.cat([b[:, None], W], dim=1)
''',
            "torch.ones with the dtype but not the device": '''
def with_constant_input(X):
    return torch.cat([torch.ones(X.shape[0], 1, dtype=X.dtype), X], dim=1)


def fold_bias(W, b):
    return torch.cat([b[:, None], W], dim=1)
''',
            "a column of zeros": '''
def with_constant_input(X):
    return torch.cat([torch.zeros_like(X[:, :1]), X], dim=1)


def fold_bias(W, b):
    return torch.cat([b[:, None], W], dim=1)
''',
            "the bias as an extra row": '''
def with_constant_input(X):
    return torch.cat([torch.ones_like(X[:, :1]), X], dim=1)


def fold_bias(W, b):
    return torch.cat([b[None, :], W], dim=0)
''',
            "sizes hard-coded from the 3x3 example": '''
def with_constant_input(X):
    return torch.cat([torch.ones_like(X[:3, :1]), X], dim=1)


def fold_bias(W, b):
    return torch.cat([b.reshape(3, 1), W], dim=1)
''',
            "the ones added to X instead of put in front": '''
def with_constant_input(X):
    return X + 1


def fold_bias(W, b):
    return torch.cat([b[:, None], W], dim=1)
''',
        },
        "accept": {
            "hstack and new_ones": '''
def with_constant_input(X):
    return torch.hstack([X.new_ones(X.shape[0], 1), X])


def fold_bias(W, b):
    return torch.hstack([b.unsqueeze(1), W])
''',
            "F.pad with value 1, and column_stack": '''
import torch.nn.functional as F


def with_constant_input(X):
    return F.pad(X, (1, 0), value=1.0)


def fold_bias(W, b):
    return torch.column_stack([b, W])
''',
            "torch.ones with dtype and device": '''
def with_constant_input(X):
    ones = torch.ones(len(X), 1, dtype=X.dtype, device=X.device)
    return torch.cat((ones, X), dim=-1)


def fold_bias(W, b):
    return torch.cat((b.reshape(-1, 1), W), dim=-1)
''',
            "filled into an empty tensor": '''
def with_constant_input(X):
    out = X.new_empty(X.shape[0], X.shape[1] + 1)
    out[:, 0] = 1
    out[:, 1:] = X
    return out


def fold_bias(W, b):
    out = W.new_empty(W.shape[0], W.shape[1] + 1)
    out[:, 0] = b
    out[:, 1:] = W
    return out
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "the sum instead of the product": '''
def xor_features(X):
    return torch.stack([X[:, 0], X[:, 1], X[:, 0] + X[:, 1]], dim=1)


xor_w = torch.tensor([1.0, 1.0, -2.0])
xor_b = -0.5
''',
            "stacked along the wrong axis": '''
def xor_features(X):
    return torch.stack([X[:, 0], X[:, 1], X[:, 0] * X[:, 1]], dim=0)


xor_w = torch.tensor([1.0, 1.0, -2.0])
xor_b = -0.5
''',
            "the four corners hard-coded": '''
def xor_features(X):
    return torch.tensor([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 1.0]])


xor_w = torch.tensor([1.0, 1.0, -2.0])
xor_b = -0.5
''',
            "the product first": '''
def xor_features(X):
    return torch.stack([X[:, 0] * X[:, 1], X[:, 0], X[:, 1]], dim=1)


xor_w = torch.tensor([-2.0, 1.0, 1.0])
xor_b = -0.5
''',
            "product weight too small: (1, 1) still fires": '''
def xor_features(X):
    return torch.stack([X[:, 0], X[:, 1], X[:, 0] * X[:, 1]], dim=1)


xor_w = torch.tensor([1.0, 1.0, -1.0])
xor_b = -0.5
''',
            "bias -1: the corners (0, 1) and (1, 0) score exactly 0": '''
def xor_features(X):
    return torch.stack([X[:, 0], X[:, 1], X[:, 0] * X[:, 1]], dim=1)


xor_w = torch.tensor([1.0, 1.0, -2.0])
xor_b = -1.0
''',
            "rebuilt from Python lists: float32 on the CPU whatever X is": '''
def xor_features(X):
    return torch.tensor([[x1, x2, x1 * x2] for x1, x2 in X.tolist()])


xor_w = torch.tensor([1.0, 1.0, -2.0])
xor_b = -0.5
''',
            "the product of the wrong columns (x1 squared)": '''
def xor_features(X):
    return torch.stack([X[:, 0], X[:, 1], X[:, 0] * X[:, 0]], dim=1)


xor_w = torch.tensor([1.0, 1.0, -2.0])
xor_b = -0.5
''',
        },
        "accept": {
            "cat with prod, other weights": '''
def xor_features(X):
    return torch.cat([X, X.prod(dim=1, keepdim=True)], dim=1)


xor_w = torch.tensor([2.0, 2.0, -4.0])
xor_b = -1.0
''',
            "column_stack, bias 0 (the ties land on the right side)": '''
def xor_features(X):
    return torch.column_stack([X[:, 0], X[:, 1], X[:, 0] * X[:, 1]])


xor_w = torch.tensor([1.0, 1.0, -2.0])
xor_b = 0.0
''',
            "a list of weights, a tensor bias, a stronger product weight": '''
def xor_features(X):
    x1, x2 = X.unbind(dim=1)
    return torch.stack((x1, x2, x1 * x2), dim=-1)


xor_w = [1, 1, -3]
xor_b = torch.tensor(-0.5)
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "sum instead of mean": '''
def linear_gradients(X, y, w, b):
    residual = X @ w + b - y
    return X.T @ residual, residual.sum()
''',
            "forgot that the 1/2 cancels the 2": '''
def linear_gradients(X, y, w, b):
    residual = X @ w + b - y
    return 2 * X.T @ residual / len(X), 2 * residual.mean()
''',
            "sign flipped: target minus prediction": '''
def linear_gradients(X, y, w, b):
    residual = y - (X @ w + b)
    return X.T @ residual / len(X), residual.mean()
''',
            "autograd through torch.func.vjp": '''
def linear_gradients(X, y, w, b):
    loss = lambda w, b: 0.5 * ((X @ w + b - y) ** 2).mean()
    _, pullback = torch.func.vjp(loss, w, b)
    return pullback(torch.ones((), dtype=X.dtype))
''',
            "computed in float32 whatever the inputs": '''
def linear_gradients(X, y, w, b):
    X, y, w, b = X.float(), y.float(), w.float(), b.float()
    residual = X @ w + b - y
    return X.T @ residual / len(X), residual.mean()
''',
            "X instead of X transposed": '''
def linear_gradients(X, y, w, b):
    residual = X @ w + b - y
    return X @ residual / len(X), residual.mean()
''',
            "the bias gradient summed, the weight gradient averaged": '''
def linear_gradients(X, y, w, b):
    residual = X @ w + b - y
    return X.T @ residual / len(X), residual.sum()
''',
            "forgot the bias in the prediction": '''
def linear_gradients(X, y, w, b):
    residual = X @ w - y
    return X.T @ residual / len(X), residual.mean()
''',
            "uses autograd, which the rule forbids": '''
def linear_gradients(X, y, w, b):
    w, b = w.clone().requires_grad_(), b.clone().requires_grad_()
    (0.5 * ((X @ w + b - y) ** 2).mean()).backward()
    return w.grad, b.grad
''',
            "the logistic gradient copied: a sigmoid that does not belong here": '''
def linear_gradients(X, y, w, b):
    error = torch.sigmoid(X @ w + b) - y
    return X.T @ error / len(X), error.mean()
''',
            "divided by the number of features": '''
def linear_gradients(X, y, w, b):
    residual = X @ w + b - y
    return X.T @ residual / X.shape[1], residual.mean()
''',
        },
        "accept": {
            "broadcast and mean over the examples": '''
def linear_gradients(X, y, w, b):
    residual = (X * w).sum(dim=1) + b - y
    return (residual[:, None] * X).mean(dim=0), residual.mean()
''',
            "a loop over the examples, grad_b as a float": '''
def linear_gradients(X, y, w, b):
    grad_w, grad_b = torch.zeros_like(w), 0.0
    for x_n, y_n in zip(X, y):
        r = x_n @ w + b - y_n
        grad_w = grad_w + r * x_n
        grad_b += r.item()
    return grad_w / len(X), grad_b / len(X)
''',
            "computed in float64, returned in the input's dtype": '''
def linear_gradients(X, y, w, b):
    X64 = X.double()
    residual = X64 @ w.double() + b.double() - y.double()
    return (X64.T @ residual / len(X)).to(X.dtype), residual.mean().to(X.dtype)
''',
            "einsum": '''
def linear_gradients(X, y, w, b):
    residual = torch.einsum("np,p->n", X, w) + b - y
    return torch.einsum("np,n->p", X, residual) / X.shape[0], residual.mean()
''',
        },
    },
}
