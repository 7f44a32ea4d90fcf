"""Answers the exercise checks of 12_transformers.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "the causal part built on the CPU": '''
def causal_padding_mask(lengths, n):
    causal = torch.tril(torch.ones(n, n, dtype=torch.bool))
    real_key = torch.arange(n, device=lengths.device)[None, :] < lengths[:, None]
    return (causal[None] & real_key[:, None, :])[:, None]
''',
            "padding hides queries (rows) instead of keys": '''
def causal_padding_mask(lengths, n):
    causal = torch.tril(torch.ones(n, n, dtype=torch.bool, device=lengths.device))
    real = torch.arange(n, device=lengths.device)[None, :] < lengths[:, None]
    return (causal[None] & real[:, :, None])[:, None]
''',
            "off by one: j <= length": '''
def causal_padding_mask(lengths, n):
    causal = torch.tril(torch.ones(n, n, dtype=torch.bool, device=lengths.device))
    real_key = torch.arange(n, device=lengths.device)[None, :] <= lengths[:, None]
    return (causal[None] & real_key[:, None, :])[:, None]
''',
            "a query may not look at itself (diagonal -1)": '''
def causal_padding_mask(lengths, n):
    causal = torch.tril(torch.ones(n, n, dtype=torch.bool, device=lengths.device), diagonal=-1)
    real_key = torch.arange(n, device=lengths.device)[None, :] < lengths[:, None]
    return (causal[None] & real_key[:, None, :])[:, None]
''',
            "no head dimension: shape (batch, n, n)": '''
def causal_padding_mask(lengths, n):
    causal = torch.tril(torch.ones(n, n, dtype=torch.bool, device=lengths.device))
    real_key = torch.arange(n, device=lengths.device)[None, :] < lengths[:, None]
    return causal[None] & real_key[:, None, :]
''',
            "or instead of and": '''
def causal_padding_mask(lengths, n):
    causal = torch.tril(torch.ones(n, n, dtype=torch.bool, device=lengths.device))
    real_key = torch.arange(n, device=lengths.device)[None, :] < lengths[:, None]
    return (causal[None] | real_key[:, None, :])[:, None]
''',
            "a float mask of 0s and 1s": '''
def causal_padding_mask(lengths, n):
    causal = torch.tril(torch.ones(n, n, device=lengths.device))
    real_key = (torch.arange(n, device=lengths.device)[None, :] < lengths[:, None]).float()
    return (causal[None] * real_key[:, None, :])[:, None]
''',
            "hard-coded for the 4 positions of the example": '''
def causal_padding_mask(lengths, n):
    causal = torch.tril(torch.ones(4, 4, dtype=torch.bool, device=lengths.device))
    real_key = torch.arange(4, device=lengths.device)[None, :] < lengths[:, None]
    return (causal[None] & real_key[:, None, :])[:, None]
''',
        },
        "accept": {
            "comparisons of aranges, no tril": '''
def causal_padding_mask(lengths, n):
    position = torch.arange(n, device=lengths.device)
    not_after = position[None, :] <= position[:, None]  # (query i, key j): j <= i
    real_key = position[None, :] < lengths[:, None]
    return (not_after[None, :, :] & real_key[:, None, :]).unsqueeze(1)
''',
            "a loop over the batch": '''
def causal_padding_mask(lengths, n):
    masks = []
    for length in lengths:
        mask = torch.ones(n, n, dtype=torch.bool, device=lengths.device).tril()
        mask[:, length:] = False
        masks.append(mask)
    return torch.stack(masks)[:, None]
''',
            "built as ints, turned to bool at the end": '''
def causal_padding_mask(lengths, n):
    causal = torch.ones(n, n, dtype=torch.long, device=lengths.device).tril()
    real_key = (torch.arange(n, device=lengths.device) < lengths.unsqueeze(-1)).long()
    return (causal.unsqueeze(0) * real_key.unsqueeze(1)).bool().unsqueeze(1)
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "signs flipped: the rotation by -k": '''
def shift_matrix(k, d_model):
    frequency = 10000.0 ** (-torch.arange(0, d_model, 2, dtype=torch.float32) / d_model)
    matrix = torch.zeros(d_model, d_model)
    for i in range(d_model // 2):
        c, s = torch.cos(k * frequency[i]), torch.sin(k * frequency[i])
        matrix[2 * i, 2 * i], matrix[2 * i, 2 * i + 1] = c, -s
        matrix[2 * i + 1, 2 * i], matrix[2 * i + 1, 2 * i + 1] = s, c
    return matrix
''',
            "frequency 10000^(-i/d) instead of 10000^(-2i/d)": '''
def shift_matrix(k, d_model):
    frequency = 10000.0 ** (-torch.arange(d_model // 2, dtype=torch.float32) / d_model)
    matrix = torch.zeros(d_model, d_model)
    for i in range(d_model // 2):
        c, s = torch.cos(k * frequency[i]), torch.sin(k * frequency[i])
        matrix[2 * i, 2 * i], matrix[2 * i, 2 * i + 1] = c, s
        matrix[2 * i + 1, 2 * i], matrix[2 * i + 1, 2 * i + 1] = -s, c
    return matrix
''',
            "hard-coded for d_model = 16": '''
def shift_matrix(k, d_model):
    frequency = 10000.0 ** (-torch.arange(0, d_model, 2, dtype=torch.float32) / 16)
    matrix = torch.zeros(d_model, d_model)
    for i in range(d_model // 2):
        c, s = torch.cos(k * frequency[i]), torch.sin(k * frequency[i])
        matrix[2 * i, 2 * i], matrix[2 * i, 2 * i + 1] = c, s
        matrix[2 * i + 1, 2 * i], matrix[2 * i + 1, 2 * i + 1] = -s, c
    return matrix
''',
            "forgets the frequencies: rotates by k radians": '''
def shift_matrix(k, d_model):
    matrix = torch.zeros(d_model, d_model)
    c, s = math.cos(k), math.sin(k)
    for i in range(d_model // 2):
        matrix[2 * i, 2 * i], matrix[2 * i, 2 * i + 1] = c, s
        matrix[2 * i + 1, 2 * i], matrix[2 * i + 1, 2 * i + 1] = -s, c
    return matrix
''',
            "sines in the first half, cosines in the second (pairs (i, i + d/2))": '''
def shift_matrix(k, d_model):
    half = d_model // 2
    frequency = 10000.0 ** (-torch.arange(0, d_model, 2, dtype=torch.float32) / d_model)
    matrix = torch.zeros(d_model, d_model)
    for i in range(half):
        c, s = torch.cos(k * frequency[i]), torch.sin(k * frequency[i])
        matrix[i, i], matrix[i, i + half] = c, s
        matrix[i + half, i], matrix[i + half, i + half] = -s, c
    return matrix
''',
            "returns the identity for every k": '''
def shift_matrix(k, d_model):
    return torch.eye(d_model)
''',
        },
        "accept": {
            "float64, with block_diag": '''
def shift_matrix(k, d_model):
    omega = 10000.0 ** (-torch.arange(0, d_model, 2, dtype=torch.float64) / d_model)
    blocks = [torch.stack([torch.stack([torch.cos(k * w), torch.sin(k * w)]),
                           torch.stack([-torch.sin(k * w), torch.cos(k * w)])]) for w in omega]
    return torch.block_diag(*blocks)
''',
            "vectorised: the four entries of every block at once": '''
def shift_matrix(k, d_model):
    i = torch.arange(d_model // 2)
    angle = k * 10000.0 ** (-2 * i.float() / d_model)
    matrix = torch.zeros(d_model, d_model)
    matrix[2 * i, 2 * i] = torch.cos(angle)
    matrix[2 * i, 2 * i + 1] = torch.sin(angle)
    matrix[2 * i + 1, 2 * i] = -torch.sin(angle)
    matrix[2 * i + 1, 2 * i + 1] = torch.cos(angle)
    return matrix
''',
            "with math and a nested list": '''
def shift_matrix(k, d_model):
    rows = [[0.0] * d_model for _ in range(d_model)]
    for i in range(d_model // 2):
        angle = k * 10000.0 ** (-2 * i / d_model)
        rows[2 * i][2 * i], rows[2 * i][2 * i + 1] = math.cos(angle), math.sin(angle)
        rows[2 * i + 1][2 * i], rows[2 * i + 1][2 * i + 1] = -math.sin(angle), math.cos(angle)
    return torch.tensor(rows, dtype=torch.float64)
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "counts the read-out as a separate matrix": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    d = d_model
    block = (3 * d * d + 3 * d) + (d * d + d) + (4 * d * d + 4 * d) + (4 * d * d + d) + 4 * d
    return (vocab_size + context) * d + n_layers * block + 2 * d + d * vocab_size
''',
            "builds the model and counts": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    return count_parameters(course_gpt.GPT(vocab_size, context, d_model, 4, n_layers))
''',
            "forgets the attention's biases": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    d = d_model
    block = 3 * d * d + d * d + (4 * d * d + 4 * d) + (4 * d * d + d) + 4 * d
    return (vocab_size + context) * d + n_layers * block + 2 * d
''',
            "an MLP of width d instead of 4d": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    d = d_model
    block = (3 * d * d + 3 * d) + (d * d + d) + (d * d + d) + (d * d + d) + 4 * d
    return (vocab_size + context) * d + n_layers * block + 2 * d
''',
            "forgets the final layer norm": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    d = d_model
    return (vocab_size + context) * d + n_layers * (12 * d * d + 13 * d)
''',
            "the notebook's number copied": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    return 108_352
''',
            "layer norms counted with d parameters each": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    d = d_model
    return (vocab_size + context) * d + n_layers * (12 * d * d + 11 * d) + d
''',
        },
        "accept": {
            "closed form": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    return (vocab_size + context) * d_model + n_layers * (12 * d_model**2 + 13 * d_model) + 2 * d_model
''',
            "a list of parameter shapes": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    d = d_model
    per_block = [(3 * d, d), (3 * d,), (d, d), (d,), (4 * d, d), (4 * d,), (d, 4 * d), (d,), (d,), (d,), (d,), (d,)]
    shapes = [(vocab_size, d), (context, d)] + per_block * n_layers + [(d,), (d,)]
    return sum(math.prod(shape) for shape in shapes)
''',
            "as a float": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    d = float(d_model)
    return vocab_size * d + context * d + n_layers * (12.0 * d * d + 13.0 * d) + 2.0 * d
''',
            "as a 0-dim tensor": '''
def gpt_parameter_count(vocab_size, context, d_model, n_layers):
    d = torch.tensor(d_model)
    return (vocab_size + context) * d + n_layers * (12 * d * d + 13 * d) + 2 * d
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "modifies the input in place": '''
def top_k_filter(logits, k):
    threshold = torch.topk(logits, k).values[-1]
    logits[logits < threshold] = float("-inf")
    return logits
''',
            "off by one: keeps k + 1 scores": '''
def top_k_filter(logits, k):
    threshold = torch.sort(logits, descending=True).values[min(k, len(logits) - 1)]
    return logits.masked_fill(logits < threshold, float("-inf"))
''',
            "keeps the k smallest": '''
def top_k_filter(logits, k):
    threshold = torch.topk(logits, k, largest=False).values[-1]
    return logits.masked_fill(logits > threshold, float("-inf"))
''',
            "zeros instead of minus infinity": '''
def top_k_filter(logits, k):
    threshold = torch.topk(logits, k).values[-1]
    return logits.masked_fill(logits < threshold, 0.0)
''',
            "k hard-coded to 2": '''
def top_k_filter(logits, k):
    threshold = torch.topk(logits, 2).values[-1]
    return logits.masked_fill(logits < threshold, float("-inf"))
''',
            "the result built on the CPU": '''
def top_k_filter(logits, k):
    top = torch.topk(logits, k)
    out = torch.full((len(logits),), float("-inf"), dtype=logits.dtype)
    out[top.indices] = top.values
    return out
''',
            "returns float32 for float64 scores": '''
def top_k_filter(logits, k):
    threshold = torch.topk(logits, k).values[-1]
    return logits.float().masked_fill(logits < threshold, float("-inf"))
''',
        },
        "accept": {
            "scatter into a tensor of minus infinities": '''
def top_k_filter(logits, k):
    top = torch.topk(logits, k)
    return torch.full_like(logits, float("-inf")).scatter(0, top.indices, top.values)
''',
            "sort and compare": '''
def top_k_filter(logits, k):
    kth_largest = logits.sort(descending=True).values[k - 1]
    return torch.where(logits >= kth_largest, logits, torch.tensor(float("-inf"), dtype=logits.dtype, device=logits.device))
''',
            "a copy, then an in-place fill of the copy": '''
def top_k_filter(logits, k):
    filtered = logits.clone()
    drop = logits.argsort(descending=True)[k:]
    filtered[drop] = float("-inf")
    return filtered
''',
        },
    },
    "Exercise 5": {
        "reject": {
            "no cache: the new position sees only itself": '''
def next_logits(model, token, position, cache):
    x = model.token_embedding(token)[:, None] + model.position_embedding.weight[position]
    batch, _, d_model = x.shape
    for block in model.blocks:
        q, k, v = block.attn.qkv(block.norm1(x)).split(d_model, dim=-1)
        q, k, v = (t.view(batch, 1, block.attn.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        weights = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1)
        x = x + block.attn.out((weights @ v).transpose(1, 2).reshape(batch, 1, d_model))
        x = x + block.mlp(block.norm2(x))
    return model.head(model.norm(x))[:, 0]
''',
            "the new key joins the cache after the attention": '''
def next_logits(model, token, position, cache):
    x = model.token_embedding(token)[:, None] + model.position_embedding.weight[position]
    batch, _, d_model = x.shape
    for index, block in enumerate(model.blocks):
        q, k, v = block.attn.qkv(block.norm1(x)).split(d_model, dim=-1)
        q, k, v = (t.view(batch, 1, block.attn.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        if cache[index] is None:
            keys, values = k, v
            cache[index] = (k, v)
        else:
            keys, values = cache[index]
            cache[index] = (torch.cat([keys, k], dim=2), torch.cat([values, v], dim=2))
        weights = torch.softmax(q @ keys.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1)
        x = x + block.attn.out((weights @ values).transpose(1, 2).reshape(batch, 1, d_model))
        x = x + block.mlp(block.norm2(x))
    return model.head(model.norm(x))[:, 0]
''',
            "every character at position 0": '''
def next_logits(model, token, position, cache):
    x = model.token_embedding(token)[:, None] + model.position_embedding.weight[0]
    batch, _, d_model = x.shape
    for index, block in enumerate(model.blocks):
        q, k, v = block.attn.qkv(block.norm1(x)).split(d_model, dim=-1)
        q, k, v = (t.view(batch, 1, block.attn.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        if cache[index] is not None:
            k, v = torch.cat([cache[index][0], k], dim=2), torch.cat([cache[index][1], v], dim=2)
        cache[index] = (k, v)
        weights = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1)
        x = x + block.attn.out((weights @ v).transpose(1, 2).reshape(batch, 1, d_model))
        x = x + block.mlp(block.norm2(x))
    return model.head(model.norm(x))[:, 0]
''',
            "is_causal=True with one query: it sees only the first key": '''
def next_logits(model, token, position, cache):
    x = model.token_embedding(token)[:, None] + model.position_embedding.weight[position]
    batch, _, d_model = x.shape
    for index, block in enumerate(model.blocks):
        q, k, v = block.attn.qkv(block.norm1(x)).split(d_model, dim=-1)
        q, k, v = (t.view(batch, 1, block.attn.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        if cache[index] is not None:
            k, v = torch.cat([cache[index][0], k], dim=2), torch.cat([cache[index][1], v], dim=2)
        cache[index] = (k, v)
        heads = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + block.attn.out(heads.transpose(1, 2).reshape(batch, 1, d_model))
        x = x + block.mlp(block.norm2(x))
    return model.head(model.norm(x))[:, 0]
''',
            "no cache at all: the whole prefix through the model": '''
def next_logits(model, token, position, cache):
    if cache[0] is None:
        cache[0] = token[:, None]
    else:
        cache[0] = torch.cat([cache[0], token[:, None]], dim=1)
    return model(cache[0])[:, -1]
''',
            "forgets the square root of d_k": '''
def next_logits(model, token, position, cache):
    x = model.token_embedding(token)[:, None] + model.position_embedding.weight[position]
    batch, _, d_model = x.shape
    for index, block in enumerate(model.blocks):
        q, k, v = block.attn.qkv(block.norm1(x)).split(d_model, dim=-1)
        q, k, v = (t.view(batch, 1, block.attn.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        if cache[index] is not None:
            k, v = torch.cat([cache[index][0], k], dim=2), torch.cat([cache[index][1], v], dim=2)
        cache[index] = (k, v)
        weights = torch.softmax(q @ k.transpose(-2, -1), dim=-1)
        x = x + block.attn.out((weights @ v).transpose(1, 2).reshape(batch, 1, d_model))
        x = x + block.mlp(block.norm2(x))
    return model.head(model.norm(x))[:, 0]
''',
            "the position created on the CPU": '''
def next_logits(model, token, position, cache):
    x = model.token_embedding(token)[:, None] + model.position_embedding(torch.tensor([position]))
    batch, _, d_model = x.shape
    for index, block in enumerate(model.blocks):
        q, k, v = block.attn.qkv(block.norm1(x)).split(d_model, dim=-1)
        q, k, v = (t.view(batch, 1, block.attn.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        if cache[index] is not None:
            k, v = torch.cat([cache[index][0], k], dim=2), torch.cat([cache[index][1], v], dim=2)
        cache[index] = (k, v)
        weights = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1)
        x = x + block.attn.out((weights @ v).transpose(1, 2).reshape(batch, 1, d_model))
        x = x + block.mlp(block.norm2(x))
    return model.head(model.norm(x))[:, 0]
''',
            "forgets the final layer norm": '''
def next_logits(model, token, position, cache):
    x = model.token_embedding(token)[:, None] + model.position_embedding.weight[position]
    batch, _, d_model = x.shape
    for index, block in enumerate(model.blocks):
        q, k, v = block.attn.qkv(block.norm1(x)).split(d_model, dim=-1)
        q, k, v = (t.view(batch, 1, block.attn.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        if cache[index] is not None:
            k, v = torch.cat([cache[index][0], k], dim=2), torch.cat([cache[index][1], v], dim=2)
        cache[index] = (k, v)
        weights = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1)
        x = x + block.attn.out((weights @ v).transpose(1, 2).reshape(batch, 1, d_model))
        x = x + block.mlp(block.norm2(x))
    return model.head(x)[:, 0]
''',
        },
        "accept": {
            "fused attention for the one query, no mask": '''
def next_logits(model, token, position, cache):
    x = model.token_embedding(token)[:, None] + model.position_embedding.weight[position]
    batch, _, d_model = x.shape
    for index, block in enumerate(model.blocks):
        q, k, v = block.attn.qkv(block.norm1(x)).split(d_model, dim=-1)
        q, k, v = (t.view(batch, 1, block.attn.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        if cache[index] is not None:
            k, v = torch.cat([cache[index][0], k], dim=2), torch.cat([cache[index][1], v], dim=2)
        cache[index] = (k, v)
        heads = F.scaled_dot_product_attention(q, k, v)
        x = x + block.attn.out(heads.transpose(1, 2).reshape(batch, 1, d_model))
        x = x + block.mlp(block.norm2(x))
    return model.head(model.norm(x))[:, 0]
''',
            "a cache of per-position lists, no sequence dimension": '''
def next_logits(model, token, position, cache):
    x = model.token_embedding(token) + model.position_embedding.weight[position]  # (batch, d)
    batch, d_model = x.shape
    for index, block in enumerate(model.blocks):
        heads = block.attn.n_heads
        q, k, v = block.attn.qkv(block.norm1(x)).split(d_model, dim=-1)
        if cache[index] is None:
            cache[index] = {"keys": [], "values": []}
        cache[index]["keys"].append(k.view(batch, heads, -1))
        cache[index]["values"].append(v.view(batch, heads, -1))
        keys = torch.stack(cache[index]["keys"], dim=2)  # (batch, heads, t, d_k)
        values = torch.stack(cache[index]["values"], dim=2)
        q = q.view(batch, heads, 1, -1)
        scores = (q * keys).sum(-1) / keys.shape[-1] ** 0.5  # (batch, heads, t)
        mixed = (torch.softmax(scores, dim=-1)[..., None] * values).sum(2)  # (batch, heads, d_k)
        x = x + block.attn.out(mixed.reshape(batch, d_model))
        x = x + block.mlp(block.norm2(x))
    return model.head(model.norm(x))
''',
        },
    },
}
