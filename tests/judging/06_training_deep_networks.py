"""Answers the exercise checks of 06_training_deep_networks.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "alpha missing from the exponent (that is ELU)": '''
def celu(x, alpha=1.0):
    return torch.where(x > 0, x, alpha * (torch.exp(x) - 1))


def celu_grad(x, alpha=1.0):
    return torch.where(x > 0, 1.0, torch.exp(x))
''',
            "derivative without the chain rule's 1 / alpha": '''
def celu(x, alpha=1.0):
    return torch.where(x > 0, x, alpha * (torch.exp(x / alpha) - 1))


def celu_grad(x, alpha=1.0):
    return torch.where(x > 0, 1.0, alpha * torch.exp(x / alpha))
''',
            "derivative of ELU's branch, exp(x)": '''
def celu(x, alpha=1.0):
    return torch.where(x > 0, x, alpha * (torch.exp(x / alpha) - 1))


def celu_grad(x, alpha=1.0):
    return torch.where(x > 0, torch.ones_like(x), torch.exp(x))
''',
            "the negative branch off by alpha (forgot the - 1 times alpha)": '''
def celu(x, alpha=1.0):
    return torch.where(x > 0, x, alpha * torch.exp(x / alpha) - 1)


def celu_grad(x, alpha=1.0):
    return torch.where(x > 0, 1.0, torch.exp(x / alpha))
''',
            "derivative taken by autograd": '''
def celu(x, alpha=1.0):
    return torch.where(x > 0, x, alpha * (torch.exp(x / alpha) - 1))


def celu_grad(x, alpha=1.0):
    x = x.detach().requires_grad_(True)
    (slope,) = torch.autograd.grad(celu(x, alpha).sum(), x)
    return slope
''',
            "through F.elu, which the task rules out": '''
def celu(x, alpha=1.0):
    return alpha * F.elu(x / alpha)


def celu_grad(x, alpha=1.0):
    return torch.where(x > 0, 1.0, torch.exp(x / alpha))
''',
            "ones created on the CPU": '''
def celu(x, alpha=1.0):
    return torch.where(x > 0, x, alpha * (torch.exp(x / alpha) - 1))


def celu_grad(x, alpha=1.0):
    return torch.where(x > 0, torch.ones(x.shape), torch.exp(x / alpha))
''',
            "always float32": '''
def celu(x, alpha=1.0):
    return torch.where(x > 0, x, alpha * (torch.exp(x / alpha) - 1)).float()


def celu_grad(x, alpha=1.0):
    return torch.where(x > 0, 1.0, torch.exp(x / alpha)).float()
''',
        },
        "accept": {
            "max and min, as in the definition, with expm1": '''
def celu(x, alpha=1.0):
    return x.clamp(min=0) + (alpha * torch.expm1(x / alpha)).clamp(max=0)


def celu_grad(x, alpha=1.0):
    return (x > 0).to(x.dtype) + (x <= 0).to(x.dtype) * torch.exp(x.clamp(max=0) / alpha)
''',
            "masks and arithmetic": '''
def celu(x, alpha=1.0):
    negative = (x <= 0).to(x.dtype)
    return (1 - negative) * x + negative * alpha * (torch.exp(torch.minimum(x, torch.zeros_like(x)) / alpha) - 1)


def celu_grad(x, alpha=1.0):
    slope = torch.ones_like(x)
    slope[x <= 0] = torch.exp(x[x <= 0] / alpha)
    return slope
''',
            "computed in float64, returned in the input's dtype": '''
def celu(x, alpha=1.0):
    x64 = x.double()
    return torch.where(x64 > 0, x64, alpha * (torch.exp(x64 / alpha) - 1)).to(x.dtype)


def celu_grad(x, alpha=1.0):
    x64 = x.double()
    return torch.where(x64 > 0, torch.ones_like(x64), torch.exp(x64 / alpha)).to(x.dtype)
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "a new tensor, not in place": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    a = math.sqrt(6 / n_in)
    return (2 * torch.rand(n_out, n_in, generator=generator) - 1) * a
''',
            "new storage through .data, not in place": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    a = math.sqrt(6 / n_in)
    weight.data = ((2 * torch.rand(n_out, n_in, generator=generator) - 1) * a).to(weight.dtype)
    return weight
''',
            "the standard deviation used as the bound": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    a = math.sqrt(2 / n_in)
    weight.uniform_(-a, a, generator=generator)
    return weight
''',
            "n_in read from the wrong axis": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_in = weight.shape[0]
    a = math.sqrt(6 / n_in)
    weight.uniform_(-a, a, generator=generator)
    return weight
''',
            "U(0, a): torch.rand not centred": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    a = math.sqrt(6 / n_in)
    weight.copy_(torch.rand(n_out, n_in, generator=generator) * a)
    return weight
''',
            "a normal distribution with the right variance": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    weight.normal_(0, math.sqrt(2 / n_in), generator=generator)
    return weight
''',
            "Glorot's bound": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    a = math.sqrt(6 / (n_in + n_out))
    weight.uniform_(-a, a, generator=generator)
    return weight
''',
            "the global random stream instead of the generator": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    a = math.sqrt(6 / n_in)
    weight.uniform_(-a, a)
    return weight
''',
            "a fixed seed of its own instead of the generator": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    a = math.sqrt(6 / n_in)
    weight.uniform_(-a, a, generator=torch.Generator().manual_seed(0))
    return weight
''',
            "nn.init.kaiming_uniform_, which the task rules out": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    return nn.init.kaiming_uniform_(weight, nonlinearity="relu", generator=generator)
''',
        },
        "accept": {
            "a * (1 - 2 * rand), written into the tensor by slice assignment": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    a = math.sqrt(6 / n_in)
    weight[:] = a * (1 - 2 * torch.rand(weight.shape, generator=generator))
    return weight
''',
            "Tensor.uniform_ with the generator": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    a = (3 * 2 / weight.shape[1]) ** 0.5
    return weight.uniform_(-a, a, generator=generator)
''',
            "drawn in float64 and copied": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    n_out, n_in = weight.shape
    a = math.sqrt(6 / n_in)
    samples = torch.rand(n_out, n_in, generator=generator, dtype=torch.float64)
    weight.copy_(samples * 2 * a - a)
    return weight
''',
            "nn.init.uniform_ with the computed bound": '''
@torch.no_grad()
def he_uniform_(weight, generator):
    a = math.sqrt(6 / weight.size(1))
    nn.init.uniform_(weight, -a, a, generator=generator)
    return weight
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "eps forgotten": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    scale = bn.weight / torch.sqrt(bn.running_var)
    bias = linear.bias if linear.bias is not None else torch.zeros_like(bn.running_mean)
    folded = nn.Linear(linear.in_features, linear.out_features, device=linear.weight.device, dtype=linear.weight.dtype)
    folded.weight.copy_(scale[:, None] * linear.weight)
    folded.bias.copy_(scale * (bias - bn.running_mean) + bn.bias)
    return folded
''',
            "beta forgotten": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    bias = linear.bias if linear.bias is not None else torch.zeros_like(bn.running_mean)
    folded = nn.Linear(linear.in_features, linear.out_features, device=linear.weight.device, dtype=linear.weight.dtype)
    folded.weight.copy_(scale[:, None] * linear.weight)
    folded.bias.copy_(scale * (bias - bn.running_mean))
    return folded
''',
            "the running mean not subtracted": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    bias = linear.bias if linear.bias is not None else torch.zeros_like(bn.running_mean)
    folded = nn.Linear(linear.in_features, linear.out_features, device=linear.weight.device, dtype=linear.weight.dtype)
    folded.weight.copy_(scale[:, None] * linear.weight)
    folded.bias.copy_(scale * bias + bn.bias)
    return folded
''',
            "divided by the variance, not the standard deviation": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    scale = bn.weight / (bn.running_var + bn.eps)
    bias = linear.bias if linear.bias is not None else torch.zeros_like(bn.running_mean)
    folded = nn.Linear(linear.in_features, linear.out_features, device=linear.weight.device, dtype=linear.weight.dtype)
    folded.weight.copy_(scale[:, None] * linear.weight)
    folded.bias.copy_(scale * (bias - bn.running_mean) + bn.bias)
    return folded
''',
            "columns scaled instead of rows": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    bias = linear.bias if linear.bias is not None else torch.zeros_like(bn.running_mean)
    folded = nn.Linear(linear.in_features, linear.out_features, device=linear.weight.device, dtype=linear.weight.dtype)
    folded.weight.copy_(linear.weight * scale)
    folded.bias.copy_(scale * (bias - bn.running_mean) + bn.bias)
    return folded
''',
            "folds into linear itself and returns it": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    if linear.bias is None:
        linear.bias = nn.Parameter(torch.zeros_like(bn.running_mean))
    linear.weight.mul_(scale[:, None])
    linear.bias.copy_(scale * (linear.bias - bn.running_mean) + bn.bias)
    return linear
''',
            "assumes linear has a bias": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    folded = nn.Linear(linear.in_features, linear.out_features, device=linear.weight.device, dtype=linear.weight.dtype)
    folded.weight.copy_(scale[:, None] * linear.weight)
    folded.bias.copy_(scale * (linear.bias - bn.running_mean) + bn.bias)
    return folded
''',
            "a default nn.Linear: float32, on the CPU": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    bias = linear.bias if linear.bias is not None else torch.zeros_like(bn.running_mean)
    folded = nn.Linear(linear.in_features, linear.out_features)
    folded.weight.copy_(scale[:, None] * linear.weight)
    folded.bias.copy_(scale * (bias - bn.running_mean) + bn.bias)
    return folded
''',
            "the new layer created on the CPU": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    bias = linear.bias if linear.bias is not None else torch.zeros_like(bn.running_mean)
    folded = nn.Linear(linear.in_features, linear.out_features, dtype=linear.weight.dtype)
    folded.weight.copy_(scale[:, None] * linear.weight)
    folded.bias.copy_(scale * (bias - bn.running_mean) + bn.bias)
    return folded
''',
        },
        "accept": {
            "new parameters assigned, rsqrt and a diagonal matrix": '''
def fold_batchnorm(linear, bn):
    with torch.no_grad():
        scale = bn.weight * torch.rsqrt(bn.running_var + bn.eps)
        weight = torch.diag(scale) @ linear.weight
        b = linear.bias if linear.bias is not None else 0
        bias = (b - bn.running_mean) * scale + bn.bias
    folded = nn.Linear(linear.in_features, linear.out_features, bias=True)
    folded.weight = nn.Parameter(weight.clone())
    folded.bias = nn.Parameter(bias.clone())
    return folded
''',
            "moved with .to(), filled with load_state_dict": '''
@torch.no_grad()
def fold_batchnorm(linear, bn):
    std = (bn.running_var + bn.eps).sqrt()
    gamma_over_std = bn.weight / std
    old_bias = linear.bias if linear.bias is not None else torch.zeros(linear.out_features, dtype=linear.weight.dtype, device=linear.weight.device)
    folded = nn.Linear(linear.in_features, linear.out_features).to(linear.weight.device, linear.weight.dtype)
    folded.load_state_dict({"weight": linear.weight * gamma_over_std.unsqueeze(1),
                            "bias": bn.bias + gamma_over_std * (old_bias - bn.running_mean)})
    return folded
''',
        },
    },
}
