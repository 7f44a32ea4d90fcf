"""Answers the exercise checks of 10_lstm_and_gru.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "one bias vector per gate block instead of two": '''
def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    blocks = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else directions * hidden_size
        total += directions * blocks * (hidden_size * layer_input + hidden_size**2 + hidden_size)
    return total
''',
            "later layers read hidden_size features even when bidirectional": '''
def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    blocks = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else hidden_size
        total += directions * blocks * (hidden_size * layer_input + hidden_size**2 + 2 * hidden_size)
    return total
''',
            "every layer reads input_size features": '''
def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    blocks = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    directions = 2 if bidirectional else 1
    return num_layers * directions * blocks * (hidden_size * input_size + hidden_size**2 + 2 * hidden_size)
''',
            "GRU counted with four gate blocks like the LSTM": '''
def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    blocks = {"rnn": 1, "gru": 4, "lstm": 4}[kind]
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else directions * hidden_size
        total += directions * blocks * (hidden_size * layer_input + hidden_size**2 + 2 * hidden_size)
    return total
''',
            "forgets the second direction": '''
def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    blocks = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else directions * hidden_size
        total += blocks * (hidden_size * layer_input + hidden_size**2 + 2 * hidden_size)
    return total
''',
            "builds the PyTorch layer and counts it": '''
def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    module = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[kind]
    return count_parameters(module(input_size, hidden_size, num_layers=num_layers, bidirectional=bidirectional))
''',
        },
        "accept": {
            "a float count": '''
def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    blocks = {"rnn": 1.0, "gru": 3.0, "lstm": 4.0}[kind]
    directions = 2.0 if bidirectional else 1.0
    total = 0.0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else directions * hidden_size
        total += directions * blocks * hidden_size * (layer_input + hidden_size + 2)
    return total
''',
            "a numpy integer": '''
import numpy as np


def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    blocks = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    d = 2 if bidirectional else 1
    widths = np.array([input_size] + [d * hidden_size] * (num_layers - 1))
    return np.sum(d * blocks * hidden_size * (widths + hidden_size + 2))
''',
            "closed form, no loop": '''
def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    g = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    d = 2 if bidirectional else 1
    H = hidden_size
    first = g * (H * input_size + H * H + 2 * H)
    later = g * (H * d * H + H * H + 2 * H)
    return d * (first + (num_layers - 1) * later)
''',
            "loop over layers and directions, counting each tensor": '''
def recurrent_parameter_count(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    count = 0
    for layer in range(num_layers):
        width = input_size if layer == 0 else hidden_size * (2 if bidirectional else 1)
        for direction in range(2 if bidirectional else 1):
            count += gates * hidden_size * width      # weight_ih
            count += gates * hidden_size * hidden_size  # weight_hh
            count += 2 * gates * hidden_size          # bias_ih and bias_hh
    return count
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "sets the input gate's slice": '''
def set_forget_bias_(lstm, value):
    hidden = lstm.hidden_size
    with torch.no_grad():
        for name, parameter in lstm.named_parameters():
            if name.startswith("bias_ih"):
                parameter[:hidden] = value
            elif name.startswith("bias_hh"):
                parameter[:hidden] = 0.0
    return lstm
''',
            "value in both biases, so the sum is twice the value": '''
def set_forget_bias_(lstm, value):
    hidden = lstm.hidden_size
    with torch.no_grad():
        for name, parameter in lstm.named_parameters():
            if name.startswith("bias"):
                parameter[hidden:2 * hidden] = value
    return lstm
''',
            "only the first layer, forward direction": '''
def set_forget_bias_(lstm, value):
    hidden = lstm.hidden_size
    with torch.no_grad():
        lstm.bias_ih_l0[hidden:2 * hidden] = value
        lstm.bias_hh_l0[hidden:2 * hidden] = 0.0
    return lstm
''',
            "new parameter tensors instead of in place": '''
def set_forget_bias_(lstm, value):
    hidden = lstm.hidden_size
    for name, parameter in list(lstm.named_parameters()):
        if name.startswith("bias"):
            new = parameter.detach().clone()
            new[hidden:2 * hidden] = value if name.startswith("bias_ih") else 0.0
            setattr(lstm, name, nn.Parameter(new))
    return lstm
''',
            "forgets to return the module": '''
def set_forget_bias_(lstm, value):
    hidden = lstm.hidden_size
    with torch.no_grad():
        for name, parameter in lstm.named_parameters():
            if name.startswith("bias_ih"):
                parameter[hidden:2 * hidden] = value
            elif name.startswith("bias_hh"):
                parameter[hidden:2 * hidden] = 0.0
''',
            "the whole bias_ih set to the value": '''
def set_forget_bias_(lstm, value):
    hidden = lstm.hidden_size
    with torch.no_grad():
        for name, parameter in lstm.named_parameters():
            if name.startswith("bias_ih"):
                parameter.fill_(value)
            elif name.startswith("bias_hh"):
                parameter[hidden:2 * hidden] = 0.0
    return lstm
''',
        },
        "accept": {
            "chunk into the four gates": '''
def set_forget_bias_(lstm, value):
    with torch.no_grad():
        for name, parameter in lstm.named_parameters():
            if "bias" in name:
                i, f, g, o = parameter.chunk(4)
                f.fill_(value if "bias_ih" in name else 0.0)
    return lstm
''',
            "through the list of weight names and a view": '''
def set_forget_bias_(lstm, value):
    H = lstm.hidden_size
    for names in lstm._all_weights:
        for name in names:
            if name.startswith("bias"):
                bias = getattr(lstm, name)
                bias.data.view(4, H)[1] = value if name.startswith("bias_ih") else 0
    return lstm
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "the last step of the padding": '''
def last_valid_output(outputs, lengths):
    return outputs[:, -1]
''',
            "off by one: step lengths[b] instead of lengths[b] - 1": '''
def last_valid_output(outputs, lengths):
    index = lengths.clamp(max=outputs.shape[1] - 1)
    return outputs[torch.arange(len(outputs)), index]
''',
            "one loop over the batch": '''
def last_valid_output(outputs, lengths):
    rows = []
    for b in range(len(outputs)):
        rows.append(outputs[b, lengths[b] - 1])
    return torch.stack(rows)
''',
            "indices as a slice, which takes every row's step for every row": '''
def last_valid_output(outputs, lengths):
    return outputs[:, lengths - 1][:, 0]
''',
            "works only for section 8's batch": '''
def last_valid_output(outputs, lengths):
    return outputs[torch.arange(4), torch.tensor([4, 1, 6, 2])]
''',
        },
        "accept": {
            "with gather": '''
def last_valid_output(outputs, lengths):
    index = (lengths.to(outputs.device) - 1).view(-1, 1, 1).expand(-1, 1, outputs.shape[2])
    return outputs.gather(1, index).squeeze(1)
''',
            "with a one-hot mask and a sum": '''
def last_valid_output(outputs, lengths):
    steps = torch.arange(outputs.shape[1], device=outputs.device)
    pick = (steps[None, :] == (lengths.to(outputs.device)[:, None] - 1)).to(outputs.dtype)
    return (outputs * pick[:, :, None]).sum(dim=1)
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "reverses the padding too": '''
def reverse_within_length(padded, lengths):
    return padded.flip(1)
''',
            "off by one: length - t": '''
def reverse_within_length(padded, lengths):
    batch, steps = padded.shape[:2]
    t = torch.arange(steps, device=padded.device).expand(batch, steps)
    lengths = lengths.to(padded.device).unsqueeze(1)
    index = torch.where(t < lengths, (lengths - t).clamp(max=steps - 1), t)
    return padded.gather(1, index.unsqueeze(-1).expand_as(padded))
''',
            "a loop over the batch": '''
def reverse_within_length(padded, lengths):
    result = padded.clone()
    for b in range(len(padded)):
        n = int(lengths[b])
        result[b, :n] = padded[b, :n].flip(0)
    return result
''',
            "index made on the CPU": '''
def reverse_within_length(padded, lengths):
    batch, steps = padded.shape[:2]
    t = torch.arange(steps).expand(batch, steps)
    lengths = lengths.cpu().unsqueeze(1)
    index = torch.where(t < lengths, lengths - 1 - t, t)
    return padded.gather(1, index.unsqueeze(-1).expand_as(padded))
''',
            "modular index everywhere, which reverses the padding among itself": '''
def reverse_within_length(padded, lengths):
    steps = padded.shape[1]
    t = torch.arange(steps, device=padded.device)
    n = lengths.to(padded.device).view(-1, 1)
    index = (n - 1 - t) % steps
    return padded.gather(1, index.unsqueeze(-1).expand_as(padded))
''',
            "index not spread over the features, right only for one feature": '''
def reverse_within_length(padded, lengths):
    batch, steps = padded.shape[:2]
    t = torch.arange(steps, device=padded.device).expand(batch, steps)
    lengths = lengths.to(padded.device).unsqueeze(1)
    index = torch.where(t < lengths, lengths - 1 - t, t)
    return padded.gather(1, index.unsqueeze(-1).expand(batch, steps, 1)).expand_as(padded)
''',
        },
        "accept": {
            "advanced indexing with a row index": '''
def reverse_within_length(padded, lengths):
    B, T = padded.shape[0], padded.shape[1]
    t = torch.arange(T, device=padded.device)
    n = lengths.to(padded.device)[:, None]
    source = torch.where(t[None] < n, n - 1 - t[None], t[None])
    rows = torch.arange(B, device=padded.device)[:, None]
    return padded[rows, source]
''',
            "modular arithmetic on the index": '''
def reverse_within_length(padded, lengths):
    steps = padded.shape[1]
    t = torch.arange(steps, device=padded.device)
    n = lengths.to(padded.device).view(-1, 1)
    index = torch.where(t < n, (n - 1 - t) % steps, t)
    return torch.gather(padded, 1, index[..., None].repeat(1, 1, padded.shape[-1]))
''',
        },
    },
}
