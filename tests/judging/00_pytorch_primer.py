"""Answers the exercise checks of 00_pytorch_primer.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "distances, not squared": '''
def pairwise_sq_dists(a, b):
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(dim=-1).sqrt()
''',
            "sums over the wrong axis": '''
def pairwise_sq_dists(a, b):
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(dim=1)
''',
            "axes swapped: an (m, n) matrix": '''
def pairwise_sq_dists(a, b):
    return ((a[None, :, :] - b[:, None, :]) ** 2).sum(dim=-1)
''',
            "no broadcasting: rowwise differences only": '''
def pairwise_sq_dists(a, b):
    return ((a - b) ** 2).sum(dim=1)
''',
            "absolute differences instead of squares": '''
def pairwise_sq_dists(a, b):
    return (a[:, None, :] - b[None, :, :]).abs().sum(dim=-1)
''',
            "the forbidden torch.cdist": '''
def pairwise_sq_dists(a, b):
    return torch.cdist(a, b) ** 2
''',
            "a Python loop over the rows of a": '''
def pairwise_sq_dists(a, b):
    return torch.stack([((row - b) ** 2).sum(dim=1) for row in a])
''',
            "a double Python loop": '''
def pairwise_sq_dists(a, b):
    out = torch.zeros(len(a), len(b))
    for i in range(len(a)):
        for j in range(len(b)):
            out[i, j] = ((a[i] - b[j]) ** 2).sum()
    return out
''',
            "a Python loop over the features": '''
def pairwise_sq_dists(a, b):
    total = 0
    for k in range(a.shape[1]):
        total = total + (a[:, k, None] - b[None, :, k]) ** 2
    return total
''',
            "expansion with the sign of the cross term flipped": '''
def pairwise_sq_dists(a, b):
    return (a**2).sum(1)[:, None] + 2 * a @ b.T + (b**2).sum(1)[None, :]
''',
        },
        "accept": {
            "unsqueeze and pow": '''
def pairwise_sq_dists(a, b):
    diff = a.unsqueeze(1) - b.unsqueeze(0)
    return diff.pow(2).sum(dim=2)
''',
            "the expansion |a|^2 - 2 a.b + |b|^2": '''
def pairwise_sq_dists(a, b):
    return (a * a).sum(dim=1, keepdim=True) - 2 * a @ b.T + (b * b).sum(dim=1)
''',
            "einsum": '''
def pairwise_sq_dists(a, b):
    diff = a[:, None] - b[None]
    return torch.einsum("nmd,nmd->nm", diff, diff)
''',
            "norm of the broadcast difference, squared": '''
def pairwise_sq_dists(a, b):
    return torch.linalg.vector_norm(a[:, None, :] - b[None, :, :], dim=-1) ** 2
''',
            "in float64, then back": '''
def pairwise_sq_dists(a, b):
    diff = a.double()[:, None, :] - b.double()[None, :, :]
    return (diff * diff).sum(-1).to(a.dtype)
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "forgot the product rule": '''
def dg(x):
    return 2 * x * torch.cos(x)
''',
            "sign error on the second term": '''
def dg(x):
    return 2 * x * torch.sin(x) - x**2 * torch.cos(x)
''',
            "only the first term": '''
def dg(x):
    return 2 * x * torch.sin(x)
''',
            "derivative of sin taken as -cos": '''
def dg(x):
    return 2 * x * torch.sin(x) + x**2 * -torch.cos(x)
''',
            "uses autograd, which the rule forbids": '''
def dg(x):
    x = x.clone().requires_grad_()
    (x**2 * torch.sin(x)).sum().backward()
    return x.grad
''',
            "autograd.grad, also forbidden": '''
def dg(x):
    x = x.clone().requires_grad_()
    return torch.autograd.grad((x**2 * torch.sin(x)).sum(), x)[0]
''',
            "a finite difference instead of the formula": '''
def dg(x):
    h = 1e-3
    g = lambda v: v**2 * torch.sin(v)
    return (g(x + h) - g(x - h)) / (2 * h)
''',
            "forward-mode autograd with torch.func.jvp": '''
def dg(x):
    return torch.func.jvp(lambda v: v**2 * torch.sin(v), (x,), (torch.ones_like(x),))[1]
''',
            "a careful finite difference in float64": '''
def dg(x):
    x64, h = x.double(), 6e-6
    g = lambda v: v**2 * torch.sin(v)
    return ((g(x64 + h) - g(x64 - h)) / (2 * h)).to(x.dtype)
''',
            "summed to one number": '''
def dg(x):
    return (2 * x * torch.sin(x) + x**2 * torch.cos(x)).sum()
''',
        },
        "accept": {
            "tensor methods, factored": '''
def dg(x):
    return x * (2 * x.sin() + x * x.cos())
''',
            "computed in float64": '''
def dg(x):
    x64 = x.double()
    return (2 * x64 * torch.sin(x64) + x64 * x64 * torch.cos(x64)).to(x.dtype)
''',
            "u and v spelled out": '''
def dg(x):
    u, du = x**2, 2 * x
    v, dv = torch.sin(x), torch.cos(x)
    return du * v + u * dv
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "zeros of the right shape": '''
def to_rows(batch):
    return torch.zeros(len(batch), batch[0].numel())
''',
            "784 hard-coded from the example": '''
def to_rows(batch):
    return batch.reshape(len(batch), 784)
''',
            "channels last: permuted before flattening": '''
def to_rows(batch):
    return batch.permute(0, 2, 3, 1).reshape(len(batch), -1)
''',
            "flattens the batch axis too": '''
def to_rows(batch):
    return batch.flatten()
''',
            "the wrong order, transposed into shape": '''
def to_rows(batch):
    return batch.reshape(-1, len(batch)).T
''',
            "keeps only the first channel": '''
def to_rows(batch):
    return batch[:, 0].reshape(len(batch), -1)
''',
            "-1 on the wrong axis": '''
def to_rows(batch):
    return batch.reshape(-1, batch.shape[-1])
''',
            "converts to float32": '''
def to_rows(batch):
    return batch.reshape(len(batch), -1).float()
''',
            "columns before rows inside each image": '''
def to_rows(batch):
    return batch.transpose(2, 3).reshape(len(batch), -1)
''',
        },
        "accept": {
            "nn.Flatten": '''
def to_rows(batch):
    return nn.Flatten()(batch)
''',
            "flatten from axis 1": '''
def to_rows(batch):
    return batch.flatten(start_dim=1)
''',
            "view with -1": '''
def to_rows(batch):
    return batch.view(batch.shape[0], -1)
''',
            "a loop over the images": '''
def to_rows(batch):
    return torch.stack([image.flatten() for image in batch])
''',
            "sizes multiplied out": '''
def to_rows(batch):
    n, c, h, w = batch.shape
    return batch.reshape(n, c * h * w)
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "no keepdim": '''
def normalise_rows(x):
    return x / x.sum(dim=1)
''',
            "column sums instead of row sums": '''
def normalise_rows(x):
    return x / x.sum(dim=0, keepdim=True)
''',
            "the sum of everything": '''
def normalise_rows(x):
    return x / x.sum()
''',
            "in place: changes the input": '''
def normalise_rows(x):
    x /= x.sum(dim=1, keepdim=True)
    return x
''',
            "in place with div_": '''
def normalise_rows(x):
    return x.div_(x.sum(dim=1, keepdim=True))
''',
            "softmax instead": '''
def normalise_rows(x):
    return torch.softmax(x, dim=1)
''',
            "the mean instead of the sum": '''
def normalise_rows(x):
    return x / x.mean(dim=1, keepdim=True)
''',
            "the largest entry instead of the sum": '''
def normalise_rows(x):
    return x / x.max(dim=1, keepdim=True).values
''',
        },
        "accept": {
            "dim=-1": '''
def normalise_rows(x):
    return x / x.sum(dim=-1, keepdim=True)
''',
            "a new axis by indexing": '''
def normalise_rows(x):
    return x / x.sum(1)[:, None]
''',
            "transpose, divide, transpose back": '''
def normalise_rows(x):
    return (x.T / x.sum(dim=1)).T
''',
            "F.normalize with p=1": '''
import torch.nn.functional as F

def normalise_rows(x):
    return F.normalize(x, p=1, dim=1)
''',
            "a loop over the rows": '''
def normalise_rows(x):
    return torch.stack([row / row.sum() for row in x])
''',
            "in place on a clone": '''
def normalise_rows(x):
    out = x.clone()
    out /= out.sum(dim=1, keepdim=True)
    return out
''',
        },
    },
    "Exercise 5": {
        "reject": {
            "whole columns: scores[:, labels]": '''
def true_class_scores(scores, labels):
    return scores[:, labels]
''',
            "the largest score, not the true class's": '''
def true_class_scores(scores, labels):
    return scores.max(dim=1).values
''',
            "rows picked by label": '''
def true_class_scores(scores, labels):
    return scores[labels]
''',
            "rows and columns swapped": '''
def true_class_scores(scores, labels):
    return scores[labels, torch.arange(len(labels))]
''',
            "N = 2 copied from the lesson's example": '''
def true_class_scores(scores, labels):
    return scores[torch.arange(2), labels]
''',
            "gather along the wrong axis": '''
def true_class_scores(scores, labels):
    return scores.gather(0, labels[None, :])[0]
''',
            "the diagonal instead of the labels": '''
def true_class_scores(scores, labels):
    return scores.diagonal()
''',
        },
        "accept": {
            "gather along the classes": '''
def true_class_scores(scores, labels):
    return scores.gather(1, labels[:, None]).squeeze(1)
''',
            "a loop": '''
def true_class_scores(scores, labels):
    return torch.stack([scores[n, labels[n]] for n in range(len(labels))])
''',
            "a one-hot mask": '''
import torch.nn.functional as F

def true_class_scores(scores, labels):
    return (scores * F.one_hot(labels, scores.shape[1])).sum(dim=1)
''',
            "range instead of arange": '''
def true_class_scores(scores, labels):
    return scores[range(len(scores)), labels]
''',
            "the diagonal of the columns": '''
def true_class_scores(scores, labels):
    return scores[:, labels].diagonal()
''',
        },
    },
}
