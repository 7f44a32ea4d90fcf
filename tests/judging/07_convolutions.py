"""Answers the exercise checks of 07_convolutions.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "kernel length hard-coded to 3": '''
def banded_matrix(w, n):
    W = torch.zeros(n - 2, n, dtype=w.dtype, device=w.device)
    for i in range(n - 2):
        W[i, i : i + 3] = w
    return W
''',
            "kernel flipped, as in a true convolution": '''
def banded_matrix(w, n):
    k = len(w)
    W = torch.zeros(n - k + 1, n, dtype=w.dtype, device=w.device)
    for i in range(n - k + 1):
        W[i, i : i + k] = w.flip(0)
    return W
''',
            "one row too few": '''
def banded_matrix(w, n):
    k = len(w)
    W = torch.zeros(n - k, n, dtype=w.dtype, device=w.device)
    for i in range(n - k):
        W[i, i : i + k] = w
    return W
''',
            "matrix created on the CPU": '''
def banded_matrix(w, n):
    k = len(w)
    W = torch.zeros(n - k + 1, n, dtype=w.dtype)
    for i in range(n - k + 1):
        W[i, i : i + k] = w
    return W
''',
            "matrix always float32": '''
def banded_matrix(w, n):
    k = len(w)
    W = torch.zeros(n - k + 1, n, device=w.device)
    for i in range(n - k + 1):
        W[i, i : i + k] = w
    return W
''',
            "reads the matrix off with matrix_of": '''
def banded_matrix(w, n):
    return matrix_of(lambda v: correlate1d(v, w), n)
''',
            "F.conv1d on the unit vectors": '''
def banded_matrix(w, n):
    eye = torch.eye(n, dtype=w.dtype, device=w.device)
    return F.conv1d(eye[:, None, :], w.view(1, 1, -1))[:, 0, :].T
''',
        },
        "accept": {
            "vectorised: the kernel index is column minus row": '''
def banded_matrix(w, n):
    k = len(w)
    rows = torch.arange(n - k + 1, device=w.device)[:, None]
    columns = torch.arange(n, device=w.device)[None, :]
    offset = columns - rows
    inside = (offset >= 0) & (offset < k)
    return torch.where(inside, w[offset.clamp(0, k - 1)], w.new_zeros(()))
''',
            "each row is the kernel padded with zeros": '''
def banded_matrix(w, n):
    k = len(w)
    return torch.stack([F.pad(w, (i, n - k - i)) for i in range(n - k + 1)])
''',
            "one diagonal per kernel entry": '''
def banded_matrix(w, n):
    k = len(w)
    W = w.new_zeros(n - k + 1, n)
    for j in range(k):
        W.diagonal(j).copy_(w[j].expand(n - k + 1))
    return W
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "flipped: the kernel of a true convolution": '''
shift_down_right = torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
''',
            "the gallery's shift: right only": '''
shift_down_right = torch.tensor([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
''',
            "down only": '''
shift_down_right = torch.tensor([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
''',
            "up and right": '''
shift_down_right = torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
''',
            "a nested list, not a tensor": '''
shift_down_right = [[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
''',
        },
        "accept": {
            "float64, one entry set": '''
shift_down_right = torch.zeros(3, 3, dtype=torch.float64)
shift_down_right[0, 0] = 1
''',
            "an integer tensor": '''
shift_down_right = torch.tensor([[1, 0, 0], [0, 0, 0], [0, 0, 0]])
''',
            "a one padded to 3x3": '''
shift_down_right = F.pad(torch.ones(1, 1), (0, 2, 0, 2))
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "one F.conv2d with the full Sobel kernel": '''
def sobel_x_separable(images):
    return F.conv2d(images, SOBEL_X.to(images.device).view(1, 1, 3, 3), padding=1)
''',
            "the full kernel built as an outer product": '''
def sobel_x_separable(images):
    column = torch.tensor([1.0, 2.0, 1.0], device=images.device)
    row = torch.tensor([-1.0, 0.0, 1.0], device=images.device)
    return F.conv2d(images, torch.outer(column, row).view(1, 1, 3, 3), padding=1)
''',
            "kernels created on the CPU": '''
def sobel_x_separable(images):
    column = torch.tensor([1.0, 2.0, 1.0]).view(1, 1, 3, 1)
    row = torch.tensor([-1.0, 0.0, 1.0]).view(1, 1, 1, 3)
    return F.conv2d(F.conv2d(images, column, padding=(1, 0)), row, padding=(0, 1))
''',
            "roles swapped: differentiates down the columns (that is S_y)": '''
def sobel_x_separable(images):
    column = torch.tensor([-1.0, 0.0, 1.0], device=images.device).view(1, 1, 3, 1)
    row = torch.tensor([1.0, 2.0, 1.0], device=images.device).view(1, 1, 1, 3)
    return F.conv2d(F.conv2d(images, column, padding=(1, 0)), row, padding=(0, 1))
''',
            "padding 1 on both axes in both passes": '''
def sobel_x_separable(images):
    column = torch.tensor([1.0, 2.0, 1.0], device=images.device).view(1, 1, 3, 1)
    row = torch.tensor([-1.0, 0.0, 1.0], device=images.device).view(1, 1, 1, 3)
    return F.conv2d(F.conv2d(images, column, padding=1), row, padding=1)
''',
            "difference kernel flipped": '''
def sobel_x_separable(images):
    column = torch.tensor([1.0, 2.0, 1.0], device=images.device).view(1, 1, 3, 1)
    row = torch.tensor([1.0, 0.0, -1.0], device=images.device).view(1, 1, 1, 3)
    return F.conv2d(F.conv2d(images, column, padding=(1, 0)), row, padding=(0, 1))
''',
        },
        "accept": {
            "rows first, then columns": '''
def sobel_x_separable(images):
    difference = images.new_tensor([-1.0, 0.0, 1.0]).view(1, 1, 1, 3)
    smoothing = images.new_tensor([1.0, 2.0, 1.0]).view(1, 1, 3, 1)
    return F.conv2d(F.conv2d(images, difference, padding=(0, 1)), smoothing, padding=(1, 0))
''',
            "padding='same' in both passes": '''
def sobel_x_separable(images):
    column = torch.tensor([[1.0], [2.0], [1.0]]).to(images)[None, None]
    row = torch.tensor([[-1.0, 0.0, 1.0]]).to(images)[None, None]
    return F.conv2d(F.conv2d(images, column, padding="same"), row, padding="same")
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "sums instead of averaging": '''
def avg_pool_as_conv(x, size):
    n, c, h, w = x.shape
    kernel = torch.ones(1, 1, size, size, dtype=x.dtype, device=x.device)
    pooled = F.conv2d(x.reshape(n * c, 1, h, w), kernel, stride=size)
    return pooled.reshape(n, c, *pooled.shape[-2:])
''',
            "stride 1: overlapping windows": '''
def avg_pool_as_conv(x, size):
    n, c, h, w = x.shape
    kernel = torch.full((1, 1, size, size), 1 / size**2, dtype=x.dtype, device=x.device)
    pooled = F.conv2d(x.reshape(n * c, 1, h, w), kernel)
    return pooled.reshape(n, c, *pooled.shape[-2:])
''',
            "mixes the channels": '''
def avg_pool_as_conv(x, size):
    c = x.shape[1]
    kernel = torch.full((c, c, size, size), 1 / size**2, dtype=x.dtype, device=x.device)
    return F.conv2d(x, kernel, stride=size)
''',
            "calls F.avg_pool2d": '''
def avg_pool_as_conv(x, size):
    return F.avg_pool2d(x, size)
''',
            "reshape and mean, no convolution": '''
def avg_pool_as_conv(x, size):
    n, c, h, w = x.shape
    x = x[:, :, : h - h % size, : w - w % size]
    return x.reshape(n, c, h // size, size, w // size, size).mean(dim=(3, 5))
''',
            "kernel created on the CPU": '''
def avg_pool_as_conv(x, size):
    n, c, h, w = x.shape
    kernel = torch.full((1, 1, size, size), 1 / size**2, dtype=x.dtype)
    pooled = F.conv2d(x.reshape(n * c, 1, h, w), kernel, stride=size)
    return pooled.reshape(n, c, *pooled.shape[-2:])
''',
            "kernel always float32": '''
def avg_pool_as_conv(x, size):
    n, c, h, w = x.shape
    kernel = torch.full((1, 1, size, size), 1 / size**2, device=x.device)
    pooled = F.conv2d(x.reshape(n * c, 1, h, w), kernel, stride=size)
    return pooled.reshape(n, c, *pooled.shape[-2:])
''',
            "window size hard-coded to 2": '''
def avg_pool_as_conv(x, size):
    n, c, h, w = x.shape
    kernel = torch.full((1, 1, 2, 2), 0.25, dtype=x.dtype, device=x.device)
    pooled = F.conv2d(x.reshape(n * c, 1, h, w), kernel, stride=2)
    return pooled.reshape(n, c, *pooled.shape[-2:])
''',
        },
        "accept": {
            "one group per channel": '''
def avg_pool_as_conv(x, size):
    c = x.shape[1]
    kernel = torch.full((c, 1, size, size), 1 / size**2, dtype=x.dtype, device=x.device)
    return F.conv2d(x, kernel, stride=size, groups=c)
''',
            "a loop over the channels": '''
def avg_pool_as_conv(x, size):
    kernel = x.new_ones(1, 1, size, size) / size**2
    return torch.cat([F.conv2d(x[:, c : c + 1], kernel, stride=(size, size)) for c in range(x.shape[1])], dim=1)
''',
            "channels into the batch with flatten and unflatten": '''
def avg_pool_as_conv(x, size):
    kernel = torch.ones(1, 1, size, size).to(x) / (size * size)
    pooled = F.conv2d(x.flatten(0, 1).unsqueeze(1), kernel, stride=size)
    return pooled.squeeze(1).unflatten(0, x.shape[:2])
''',
        },
    },
}
