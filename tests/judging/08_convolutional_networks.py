"""Answers the exercise checks of 08_convolutional_networks.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "pooling with stride 1": '''
modern_layers = [(3, 1), (2, 1), (3, 1), (2, 1), (3, 1), (3, 1), (3, 1)]
''',
            "(stride, kernel) instead of (kernel, stride)": '''
modern_layers = [(1, 3), (2, 2), (1, 3), (2, 2), (1, 3), (1, 3), (1, 3)]
''',
            "the residual block counted as one layer": '''
modern_layers = [(3, 1), (2, 2), (3, 1), (2, 2), (3, 1), (3, 1)]
''',
            "poolings left out, the last pooling counted": '''
modern_layers = [(3, 1), (3, 1), (3, 1), (3, 1), (3, 1), (3, 2), (3, 1)]
''',
            "the residual convolutions given stride 2": '''
modern_layers = [(3, 1), (2, 2), (3, 1), (2, 2), (3, 1), (3, 2), (3, 2)]
''',
            "each pooling before its convolution": '''
modern_layers = [(2, 2), (3, 1), (2, 2), (3, 1), (3, 1), (3, 1), (3, 1)]
''',
            "the last pooling in place of the residual block's conv2": '''
modern_layers = [(3, 1), (2, 2), (3, 1), (2, 2), (3, 1), (3, 1), (3, 2)]
''',
            "kernel sizes read from the layers as pairs": '''
modern_layers = [(m.kernel_size, m.stride) for m in modern.modules() if isinstance(m, (nn.Conv2d, nn.MaxPool2d))][:7]
''',
            "kernel sizes read from the layers as tensors": '''
modern_layers = [(torch.tensor(m.kernel_size), torch.tensor(m.stride)) for m in modern.modules()
                 if isinstance(m, (nn.Conv2d, nn.MaxPool2d))][:7]
''',
            "floats": '''
modern_layers = [(3.0, 1.0), (2.0, 2.0), (3.0, 1.0), (2.0, 2.0), (3.0, 1.0), (3.0, 1.0), (3.0, 1.0)]
''',
            "float tensors": '''
modern_layers = [(torch.tensor(float(k)), torch.tensor(float(s))) for k, s in [(3, 1), (2, 2), (3, 1), (2, 2), (3, 1), (3, 1), (3, 1)]]
''',
            "kernel sizes only": '''
modern_layers = [3, 2, 3, 2, 3, 3, 3]
''',
        },
        "accept": {
            "a list of lists": '''
modern_layers = [[3, 1], [2, 2], [3, 1], [2, 2], [3, 1], [3, 1], [3, 1]]
''',
            "read from the model": '''
from torch.nn.modules.utils import _pair

modern_layers = [(_pair(m.kernel_size)[0], _pair(m.stride)[0])
                 for m in modern.modules() if isinstance(m, (nn.Conv2d, nn.MaxPool2d))][:7]
''',
            "built from stages, as a tuple": '''
conv, pool = (3, 1), (2, 2)
modern_layers = tuple([conv, pool] * 2 + [conv] * 3)
''',
            "NumPy ints": '''
import numpy as np

modern_layers = [tuple(np.int64(v) for v in pair) for pair in [(3, 1), (2, 2), (3, 1), (2, 2), (3, 1), (3, 1), (3, 1)]]
''',
            "one-element integer tensors": '''
modern_layers = [(torch.tensor(k), torch.tensor(s)) for k, s in [(3, 1), (2, 2), (3, 1), (2, 2), (3, 1), (3, 1), (3, 1)]]
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "hard-coded paper and full counts": '''
def c3_parameters(inputs_per_map, kernel_size=5):
    return 2416 if all(n == 6 for n in inputs_per_map) else 1516
''',
            "forgotten bias": '''
def c3_parameters(inputs_per_map, kernel_size=5):
    return sum(n * kernel_size * kernel_size for n in inputs_per_map)
''',
            "one bias per filter instead of per output map": '''
def c3_parameters(inputs_per_map, kernel_size=5):
    return sum(n * (kernel_size * kernel_size + 1) for n in inputs_per_map)
''',
            "square kernel assumed": '''
def c3_parameters(inputs_per_map, kernel_size=5):
    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
    return sum(n * k * k + 1 for n in inputs_per_map)
''',
            "k + k instead of k * k": '''
def c3_parameters(inputs_per_map, kernel_size=5):
    h, w = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return sum(n * (h + w) + 1 for n in inputs_per_map)
''',
            "one bias for the whole layer": '''
def c3_parameters(inputs_per_map, kernel_size=5):
    h, w = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return sum(inputs_per_map) * h * w + 1
''',
        },
        "accept": {
            "vectorised, returns a 0-dim tensor": '''
def c3_parameters(inputs_per_map, kernel_size=5):
    h, w = torch.nn.modules.utils._pair(kernel_size)
    inputs = torch.tensor(inputs_per_map)
    return inputs.sum() * h * w + len(inputs)
''',
            "counted with nn.Conv2d on the meta device": '''
def c3_parameters(inputs_per_map, kernel_size=5):
    return sum(count_parameters(nn.Conv2d(n, 1, kernel_size, device="meta")) for n in inputs_per_map)
''',
            "a loop with math.prod": '''
import math


def c3_parameters(inputs_per_map, kernel_size=5):
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    total = 0
    for n in inputs_per_map:
        total += n * math.prod(kernel_size)
        total += 1
    return total
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "LeNet-5's numbers hard-coded": '''
def conv_multiply_adds(layer, out_height, out_width):
    return {6: 117_600, 16: 240_000, 120: 48_000}[layer.out_channels]
''',
            "square kernel assumed": '''
def conv_multiply_adds(layer, out_height, out_width):
    k = layer.kernel_size[0]
    return layer.out_channels * out_height * out_width * layer.in_channels * k * k
''',
            "input channels forgotten": '''
def conv_multiply_adds(layer, out_height, out_width):
    k_h, k_w = layer.kernel_size
    return layer.out_channels * out_height * out_width * k_h * k_w
''',
            "bias counted as a multiply-add": '''
def conv_multiply_adds(layer, out_height, out_width):
    k_h, k_w = layer.kernel_size
    return layer.out_channels * out_height * out_width * (layer.in_channels * k_h * k_w + 1)
''',
            "all parameters times positions": '''
def conv_multiply_adds(layer, out_height, out_width):
    return sum(p.numel() for p in layer.parameters()) * out_height * out_width
''',
            "weights only, positions forgotten": '''
def conv_multiply_adds(layer, out_height, out_width):
    return layer.weight.numel()
''',
        },
        "accept": {
            "weight count times output positions": '''
def conv_multiply_adds(layer, out_height, out_width):
    return layer.weight.numel() * out_height * out_width
''',
            "from the weight's shape with math.prod": '''
import math


def conv_multiply_adds(layer, out_height, out_width):
    c_out, c_in, k_h, k_w = layer.weight.shape
    per_output_value = math.prod((c_in, k_h, k_w))
    return per_output_value * math.prod((c_out, out_height, out_width))
''',
            "a loop over output channels, as a tensor": '''
def conv_multiply_adds(layer, out_height, out_width):
    total = torch.tensor(0)
    for filter_weights in layer.weight:
        total = total + filter_weights.numel() * out_height * out_width
    return total
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "no residual branch at all": '''
class DownsampleBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=2, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        return F.relu(self.shortcut(x))
''',
            "inner ReLU missing": '''
class DownsampleBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=2, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        residual = self.bn2(self.conv2(self.bn1(self.conv1(x))))
        return F.relu(residual + self.shortcut(x))
''',
            "final ReLU missing": '''
class DownsampleBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=2, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        return self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))) + self.shortcut(x)
''',
            "ReLU on the branch before the sum": '''
class DownsampleBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=2, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        residual = F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))))
        return residual + self.shortcut(x)
''',
            "identity skip instead of the projection": '''
class DownsampleBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=2, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        return F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))) + x)
''',
            "bn2 skipped": '''
class DownsampleBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=2, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.bn1(self.conv1(x)))) + self.shortcut(x))
''',
        },
        "accept": {
            "torch.relu and an in-place sum": '''
class DownsampleBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=2, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        return torch.relu(out)
''',
            "a Sequential for the branch, clamp for the ReLU": '''
class DownsampleBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=2, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        branch = nn.Sequential(self.conv1, self.bn1, nn.ReLU(), self.conv2, self.bn2)
        return (self.shortcut(x) + branch(x)).clamp(min=0)
''',
        },
    },
}
