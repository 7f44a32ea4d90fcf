"""Answers the exercise checks of 03_gradient_descent_and_backprop.ipynb must judge correctly."""

FORWARD_WITH_BIASES = '''
def forward_with_biases(x, weights, biases):
    pre, act = [], [x]
    for W, b in zip(weights, biases):
        pre.append(act[-1] @ W.T + b)
        act.append(sigmoid(pre[-1]))
    return pre, act
'''

POW_RIGHT = '''
def value_pow(self, exponent):
    out = Value(self.data**exponent, (self,), f"**{exponent}")

    def backward_step():
        self.grad += exponent * self.data ** (exponent - 1) * out.grad

    out.backward_step = backward_step
    return out
'''

TRUEDIV_RIGHT = '''
def value_truediv(self, other):
    other = other if isinstance(other, Value) else Value(other)
    return self * other**-1
'''

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "forgot the factor 2 of the gradient": '''
def max_stable_lr(a, b):
    return 2 / max(a, b)
''',
            "the flat direction instead of the steep one": '''
def max_stable_lr(a, b):
    return 1 / min(a, b)
''',
            "the fastest rate instead of the limit": '''
def max_stable_lr(a, b):
    return 2 / (2 * a + 2 * b)
''',
            "the lecture's 0.1, hard-coded": '''
def max_stable_lr(a, b):
    return 0.1
''',
            "half the limit": '''
def max_stable_lr(a, b):
    return 1 / (2 * max(a, b))
''',
            "only looks at a": '''
def max_stable_lr(a, b):
    return 1 / a
''',
        },
        "accept": {
            "the smaller of the two per-coordinate limits": '''
def max_stable_lr(a, b):
    return min(1 / a, 1 / b)
''',
            "2 / largest Hessian eigenvalue, as a 0-dim tensor": '''
def max_stable_lr(a, b):
    hessian = torch.diag(torch.tensor([2.0 * a, 2.0 * b], dtype=torch.float64))
    return 2 / torch.linalg.eigvalsh(hessian).max()
''',
            "by bisection on what gradient descent does": '''
def max_stable_lr(a, b):
    def converges(lr):
        return max(abs(1 - 2 * a * lr), abs(1 - 2 * b * lr)) < 1

    low, high = 0.0, 10.0 / min(a, b)
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if converges(middle) else (low, middle)
    return low
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "= instead of += in the power's backward step": '''
def value_pow(self, exponent):
    out = Value(self.data**exponent, (self,), f"**{exponent}")

    def backward_step():
        self.grad = exponent * self.data ** (exponent - 1) * out.grad

    out.backward_step = backward_step
    return out
''' + TRUEDIV_RIGHT,
            "forgot the chain rule (no out.grad)": '''
def value_pow(self, exponent):
    out = Value(self.data**exponent, (self,), f"**{exponent}")

    def backward_step():
        self.grad += exponent * self.data ** (exponent - 1)

    out.backward_step = backward_step
    return out
''' + TRUEDIV_RIGHT,
            "exponent off by one in the derivative": '''
def value_pow(self, exponent):
    out = Value(self.data**exponent, (self,), f"**{exponent}")

    def backward_step():
        self.grad += exponent * self.data**exponent * out.grad

    out.backward_step = backward_step
    return out
''' + TRUEDIV_RIGHT,
            "the output node does not record its parent": '''
def value_pow(self, exponent):
    out = Value(self.data**exponent)

    def backward_step():
        self.grad += exponent * self.data ** (exponent - 1) * out.grad

    out.backward_step = backward_step
    return out
''' + TRUEDIV_RIGHT,
            "backward_step never attached": '''
def value_pow(self, exponent):
    out = Value(self.data**exponent, (self,), f"**{exponent}")

    def backward_step():
        self.grad += exponent * self.data ** (exponent - 1) * out.grad

    return out
''' + TRUEDIV_RIGHT,
            "division flipped": POW_RIGHT + '''
def value_truediv(self, other):
    other = other if isinstance(other, Value) else Value(other)
    return other * self**-1
''',
            "division with its own node and derivative (the task rules it out)": POW_RIGHT + '''
def value_truediv(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data / other.data, (self, other), "/")

    def backward_step():
        self.grad += out.grad / other.data
        other.grad += -self.data / other.data**2 * out.grad

    out.backward_step = backward_step
    return out
''',
            "the divisor as a constant: no gradient reaches it": POW_RIGHT + '''
def value_truediv(self, other):
    divisor = other.data if isinstance(other, Value) else other
    return self * (1 / divisor)
''',
        },
        "accept": {
            "math.pow, an explicit sum, and the reciprocal on the left": '''
def value_pow(self, exponent):
    out = Value(math.pow(self.data, exponent), (self,), "pow")

    def backward_step():
        self.grad = self.grad + exponent * math.pow(self.data, exponent - 1) * out.grad

    out.backward_step = backward_step
    return out


def value_truediv(self, other):
    if not isinstance(other, Value):
        other = Value(other)
    return (other ** -1) * self
''',
            "the derivative from the output, p * a**p / a": '''
def value_pow(self, exponent):
    out = Value(self.data**exponent, (self,), "**")

    def backward_step():
        self.grad += exponent * out.data / self.data * out.grad

    out.backward_step = backward_step
    return out


def value_truediv(self, other):
    other = other if isinstance(other, Value) else Value(float(other))
    return self * other.__pow__(-1.0)
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "bias gradient not summed over the batch": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    grad_h = (act[-1] - y) / len(y)
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    for i in reversed(range(len(weights))):
        delta = grad_h * sigmoid_prime(pre[i])
        grads_W[i] = delta.T @ act[i]
        grads_b[i] = delta
        grad_h = delta @ weights[i]
    return grads_W, grads_b
''',
            "mean over the batch instead of the sum": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    grad_h = (act[-1] - y) / len(y)
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    for i in reversed(range(len(weights))):
        delta = grad_h * sigmoid_prime(pre[i])
        grads_W[i] = delta.T @ act[i]
        grads_b[i] = delta.mean(dim=0)
        grad_h = delta @ weights[i]
    return grads_W, grads_b
''',
            "summed over the wrong axis": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    grad_h = (act[-1] - y) / len(y)
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    for i in reversed(range(len(weights))):
        delta = grad_h * sigmoid_prime(pre[i])
        grads_W[i] = delta.T @ act[i]
        grads_b[i] = delta.sum(dim=1)
        grad_h = delta @ weights[i]
    return grads_W, grads_b
''',
            "forgot the sigmoid's derivative in the bias gradient": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    grad_h = (act[-1] - y) / len(y)
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    for i in reversed(range(len(weights))):
        delta = grad_h * sigmoid_prime(pre[i])
        grads_W[i] = delta.T @ act[i]
        grads_b[i] = grad_h.sum(dim=0)
        grad_h = delta @ weights[i]
    return grads_W, grads_b
''',
            "bias gradient kept as a (1, m) row": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    grad_h = (act[-1] - y) / len(y)
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    for i in reversed(range(len(weights))):
        delta = grad_h * sigmoid_prime(pre[i])
        grads_W[i] = delta.T @ act[i]
        grads_b[i] = delta.sum(dim=0, keepdim=True)
        grad_h = delta @ weights[i]
    return grads_W, grads_b
''',
            "written for exactly three layers": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    grad_h = (act[3] - y) / len(y)
    grads_W, grads_b = [None] * 3, [None] * 3
    for i in (2, 1, 0):
        delta = grad_h * sigmoid_prime(pre[i])
        grads_W[i] = delta.T @ act[i]
        grads_b[i] = delta.sum(dim=0)
        grad_h = delta @ weights[i]
    return grads_W, grads_b
''',
            "forgot the 1 / batch size of the mean": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    grad_h = act[-1] - y
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    for i in reversed(range(len(weights))):
        delta = grad_h * sigmoid_prime(pre[i])
        grads_W[i] = delta.T @ act[i]
        grads_b[i] = delta.sum(dim=0)
        grad_h = delta @ weights[i]
    return grads_W, grads_b
''',
            "asks autograd instead (the task rules it out)": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    leaves_W = [W.clone().requires_grad_() for W in weights]
    leaves_b = [torch.zeros(W.shape[0], dtype=W.dtype, requires_grad=True) for W in weights]
    biases = [p - act[i] @ W.T for i, (p, W) in enumerate(zip(pre, weights))]
    h = act[0]
    for W, b, shift in zip(leaves_W, leaves_b, biases):
        h = sigmoid(h @ W.T + shift.detach() + b)
    half_squared_error(h, y).backward()
    return [W.grad for W in leaves_W], [b.grad for b in leaves_b]
''',
        },
        "accept": {
            "a vector of ones, on the batch's dtype": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    grad_h = (act[-1] - y) / len(y)
    ones = torch.ones(len(y), dtype=y.dtype)
    grads_W, grads_b = [], []
    for i in reversed(range(len(weights))):
        delta = grad_h * sigmoid(pre[i]) * (1 - sigmoid(pre[i]))
        grads_W.insert(0, delta.T @ act[i])
        grads_b.insert(0, ones @ delta)
        grad_h = delta @ weights[i]
    return grads_W, grads_b
''',
            "einsum, with the sigmoid's derivative from the stored activations": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    grad_h = (act[-1] - y) / y.shape[0]
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    for i in range(len(weights) - 1, -1, -1):
        s = act[i + 1]
        delta = grad_h * s * (1 - s)
        grads_W[i] = torch.einsum("bm,bn->mn", delta, act[i])
        grads_b[i] = torch.einsum("bm->m", delta)
        grad_h = torch.einsum("bm,mn->bn", delta, weights[i])
    return grads_W, grads_b
''',
            "a loop over the examples, summing outer products": FORWARD_WITH_BIASES + '''
def backward_with_biases(pre, act, y, weights):
    n = len(y)
    grads_W = [torch.zeros_like(W) for W in weights]
    grads_b = [torch.zeros(W.shape[0], dtype=W.dtype) for W in weights]
    for k in range(n):
        grad_h = (act[-1][k] - y[k]) / n
        for i in reversed(range(len(weights))):
            delta = grad_h * sigmoid_prime(pre[i][k])
            grads_W[i] += torch.outer(delta, act[i][k])
            grads_b[i] += delta
            grad_h = weights[i].T @ delta
    return grads_W, grads_b
''',
        },
    },
}
