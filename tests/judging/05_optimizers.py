"""Answers the exercise checks of 05_optimizers.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "no floor after tau: keeps falling past lr_tau": '''
def linear_decay(t, lr0, lr_tau, tau):
    return (1 - t / tau) * lr0 + t / tau * lr_tau
''',
            "tau hard-coded to the table's 4": '''
def linear_decay(t, lr0, lr_tau, tau):
    if t > 4:
        return lr_tau
    return (1 - t / 4) * lr0 + t / 4 * lr_tau
''',
            "lr0 and lr_tau swapped": '''
def linear_decay(t, lr0, lr_tau, tau):
    if t > tau:
        return lr_tau
    return (1 - t / tau) * lr_tau + t / tau * lr0
''',
            "off by one: counts steps from 1": '''
def linear_decay(t, lr0, lr_tau, tau):
    fraction = min((t + 1) / tau, 1.0)
    return (1 - fraction) * lr0 + fraction * lr_tau
''',
            "a step down at tau instead of a ramp": '''
def linear_decay(t, lr0, lr_tau, tau):
    return lr0 if t < tau else lr_tau
''',
            "integer division": '''
def linear_decay(t, lr0, lr_tau, tau):
    if t > tau:
        return lr_tau
    return (1 - t // tau) * lr0 + t // tau * lr_tau
''',
            "returns a one-element list": '''
def linear_decay(t, lr0, lr_tau, tau):
    fraction = min(t / tau, 1.0)
    return [(1 - fraction) * lr0 + fraction * lr_tau]
''',
        },
        "accept": {
            "clamped fraction": '''
def linear_decay(t, lr0, lr_tau, tau):
    fraction = min(t, tau) / tau
    return lr0 + fraction * (lr_tau - lr0)
''',
            "numpy interpolation": '''
import numpy as np


def linear_decay(t, lr0, lr_tau, tau):
    return np.interp(t, [0, tau], [lr0, lr_tau])
''',
            "a 0-dim float32 tensor": '''
def linear_decay(t, lr0, lr_tau, tau):
    fraction = torch.clamp(torch.tensor(t / tau), max=1.0)
    return (1 - fraction) * lr0 + fraction * lr_tau
''',
            "the lectures' second form, t * slope + lr0": '''
def linear_decay(t, lr0, lr_tau, tau):
    if t >= tau:
        return lr_tau
    return t * (lr_tau - lr0) / tau + lr0
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "decoupled decay (that is AdamW)": '''
class AdamL2(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps)
        self.weight_decay = weight_decay

    def update(self, p, g, state):
        p *= 1 - self.lr * self.weight_decay
        super().update(p, g, state)
''',
            "penalty with the wrong sign": '''
class AdamL2(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps)
        self.weight_decay = weight_decay

    def update(self, p, g, state):
        super().update(p, g - self.weight_decay * p, state)
''',
            "gradient of lambda * |theta|^2: twice the decay": '''
class AdamL2(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps)
        self.weight_decay = weight_decay

    def update(self, p, g, state):
        super().update(p, g + 2 * self.weight_decay * p, state)
''',
            "decay scaled by the learning rate": '''
class AdamL2(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps)
        self.weight_decay = weight_decay

    def update(self, p, g, state):
        super().update(p, g + self.lr * self.weight_decay * p, state)
''',
            "the penalty's step taken after Adam's, like SGD": '''
class AdamL2(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps)
        self.weight_decay = weight_decay

    def update(self, p, g, state):
        super().update(p, g, state)
        p -= self.lr * self.weight_decay * p
''',
        },
        "accept": {
            "Tensor.add with alpha": '''
class AdamL2(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps)
        self.weight_decay = weight_decay

    def update(self, p, g, state):
        super().update(p, g.add(p, alpha=self.weight_decay), state)
''',
            "Adam written out again, penalty included": '''
class AdamL2(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps)
        self.weight_decay = weight_decay

    def update(self, p, g, state):
        g = g + self.weight_decay * p
        state["t"] = t = state.get("t", 0) + 1
        state["s"] = self.beta1 * state.get("s", torch.zeros_like(g)) + (1 - self.beta1) * g
        state["r"] = self.beta2 * state.get("r", torch.zeros_like(g)) + (1 - self.beta2) * g**2
        s_hat = state["s"] / (1 - self.beta1**t)
        r_hat = state["r"] / (1 - self.beta2**t)
        p.sub_(self.lr * s_hat / (torch.sqrt(r_hat) + self.eps))
''',
            "the gradient changed in place before the step": '''
class AdamL2(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps)
        self.weight_decay = weight_decay

    def update(self, p, g, state):
        g = g.clone()
        g += self.weight_decay * p
        Adam.update(self, p, g, state)
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "eps outside the maximum": '''
class Adamax(Optimizer):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        self.beta1, self.beta2 = betas
        self.eps = eps

    def update(self, p, g, state):
        t = state["t"] = state.get("t", 0) + 1
        s = state["s"] = self.beta1 * state.get("s", 0) + (1 - self.beta1) * g
        u = state["u"] = torch.maximum(self.beta2 * state.get("u", torch.zeros_like(g)), g.abs())
        p -= self.lr / (1 - self.beta1**t) * s / (u + self.eps)
''',
            "no bias correction": '''
class Adamax(Optimizer):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        self.beta1, self.beta2 = betas
        self.eps = eps

    def update(self, p, g, state):
        s = state["s"] = self.beta1 * state.get("s", 0) + (1 - self.beta1) * g
        u = state["u"] = torch.maximum(self.beta2 * state.get("u", torch.zeros_like(g)), g.abs() + self.eps)
        p -= self.lr * s / u
''',
            "a moving average of |g| instead of the maximum": '''
class Adamax(Optimizer):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        self.beta1, self.beta2 = betas
        self.eps = eps

    def update(self, p, g, state):
        t = state["t"] = state.get("t", 0) + 1
        s = state["s"] = self.beta1 * state.get("s", 0) + (1 - self.beta1) * g
        u = state["u"] = self.beta2 * state.get("u", 0) + (1 - self.beta2) * g.abs()
        p -= self.lr / (1 - self.beta1**t) * s / (u + self.eps)
''',
            "forgets the absolute value": '''
class Adamax(Optimizer):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        self.beta1, self.beta2 = betas
        self.eps = eps

    def update(self, p, g, state):
        t = state["t"] = state.get("t", 0) + 1
        s = state["s"] = self.beta1 * state.get("s", 0) + (1 - self.beta1) * g
        u = state["u"] = torch.maximum(self.beta2 * state.get("u", torch.zeros_like(g)), g + self.eps)
        p -= self.lr / (1 - self.beta1**t) * s / u
''',
            "bias-corrects u as well": '''
class Adamax(Optimizer):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        self.beta1, self.beta2 = betas
        self.eps = eps

    def update(self, p, g, state):
        t = state["t"] = state.get("t", 0) + 1
        s = state["s"] = self.beta1 * state.get("s", 0) + (1 - self.beta1) * g
        u = state["u"] = torch.maximum(self.beta2 * state.get("u", torch.zeros_like(g)), g.abs() + self.eps)
        p -= self.lr / (1 - self.beta1**t) * s / (u / (1 - self.beta2**t))
''',
        },
        "accept": {
            "torch.max of two tensors and addcdiv_": '''
class Adamax(Optimizer):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        self.beta1, self.beta2 = betas
        self.eps = eps

    def update(self, p, g, state):
        if not state:
            state.update(t=0, s=torch.zeros_like(p), u=torch.zeros_like(p))
        state["t"] += 1
        state["s"].mul_(self.beta1).add_(g, alpha=1 - self.beta1)
        state["u"] = torch.max(state["u"] * self.beta2, g.abs() + self.eps)
        step_size = self.lr / (1 - self.beta1 ** state["t"])
        p.addcdiv_(state["s"], state["u"], value=-step_size)
''',
            "clamp with a tensor minimum": '''
class Adamax(Optimizer):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        self.beta1, self.beta2 = betas
        self.eps = eps

    def update(self, p, g, state):
        t = state.get("t", 0) + 1
        s = self.beta1 * state.get("s", torch.zeros_like(g)) + (1 - self.beta1) * g
        u = torch.clamp(self.beta2 * state.get("u", torch.zeros_like(g)), min=g.abs() + self.eps)
        state.update(t=t, s=s, u=u)
        p -= self.lr * (s / (1 - self.beta1**t)) / u
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "1 / lambda_max: where bouncing starts, not divergence": '''
def max_stable_lr(f, n):
    hessian = torch.autograd.functional.hessian(f, torch.zeros(n, dtype=torch.float64))
    return 1 / torch.linalg.eigvalsh(hessian).max().item()
''',
            "the smallest eigenvalue (eigvalsh sorts ascending)": '''
def max_stable_lr(f, n):
    hessian = torch.autograd.functional.hessian(f, torch.zeros(n, dtype=torch.float64))
    return 2 / torch.linalg.eigvalsh(hessian)[0].item()
''',
            "largest diagonal entry: right only for a diagonal Hessian": '''
def max_stable_lr(f, n):
    hessian = torch.autograd.functional.hessian(f, torch.zeros(n, dtype=torch.float64))
    return 2 / hessian.diagonal().max().item()
''',
            "the lectures' answer hard-coded": '''
def max_stable_lr(f, n):
    return 0.1
''',
            "the largest coefficient of the quadratic, not its curvature": '''
def max_stable_lr(f, n):
    hessian = torch.autograd.functional.hessian(f, torch.zeros(n, dtype=torch.float64))
    return 2 / (torch.linalg.eigvalsh(hessian).max().item() / 2)
''',
        },
        "accept": {
            "a 0-dim tensor, eigenvalues with eigvals": '''
def max_stable_lr(f, n):
    hessian = torch.autograd.functional.hessian(f, torch.ones(n, dtype=torch.float64))
    return 2 / torch.linalg.eigvals(hessian).real.max()
''',
            "torch.func.hessian and the spectral norm": '''
def max_stable_lr(f, n):
    hessian = torch.func.hessian(f)(torch.randn(n, dtype=torch.float64, generator=torch.Generator().manual_seed(0)))
    return float(2 / torch.linalg.matrix_norm(hessian, ord=2))
''',
            "Hessian from finite differences of autograd gradients": '''
def max_stable_lr(f, n):
    def gradient(theta):
        theta = theta.clone().requires_grad_(True)
        return torch.autograd.grad(f(theta), theta)[0]

    origin = torch.zeros(n, dtype=torch.float64)
    columns = [gradient(origin + torch.eye(n, dtype=torch.float64)[j]) - gradient(origin) for j in range(n)]
    hessian = torch.stack(columns, dim=1)
    return 2 / torch.linalg.eigvalsh((hessian + hessian.T) / 2).max().item()
''',
        },
    },
}
