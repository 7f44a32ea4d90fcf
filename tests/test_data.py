import gzip
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torchvision

from course_utils import data
from course_utils.data import DataError, TensorBatches

from conftest import real_data_dir

MNIST_FILES = list(data.MNIST_SHA256)


def leftovers(folder):
    """Everything under ``folder`` (recursively), as relative paths."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# ----------------------------------------------------------------------------- data directory

def test_data_dir_follows_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    assert data.data_dir() == tmp_path.resolve()
    monkeypatch.delenv("COURSE_DATA_DIR")
    assert data.data_dir() == data.REPO_ROOT / "data"


# ----------------------------------------------------------------------------- downloads

def test_download_verified_writes_the_file(local_server, tmp_path):
    body = b"hello, world\n" * 100
    local_server.routes["/f.txt"] = (body, None)
    target = tmp_path / "sub" / "f.txt"
    data.download_verified(local_server.url + "/f.txt", target, hashlib.sha256(body).hexdigest())
    assert target.read_bytes() == body
    assert leftovers(tmp_path) == ["sub", "sub/f.txt"]


def test_interrupted_download_leaves_nothing(local_server, tmp_path):
    body = b"x" * 1000
    local_server.routes["/f.txt"] = (body[:100], len(body))  # promises 1000 bytes, sends 100
    with pytest.raises(Exception):
        data.download_verified(local_server.url + "/f.txt", tmp_path / "f.txt", hashlib.sha256(body).hexdigest())
    assert leftovers(tmp_path) == []


def test_download_with_wrong_checksum_leaves_nothing(local_server, tmp_path):
    local_server.routes["/f.txt"] = (b"not the file you want", None)
    with pytest.raises(DataError, match="SHA-256"):
        data.download_verified(local_server.url + "/f.txt", tmp_path / "f.txt", "0" * 64)
    assert leftovers(tmp_path) == []


# ----------------------------------------------------------------------------- Tiny Shakespeare

def test_tiny_shakespeare_offline_says_what_to_do(empty_data_dir, closed_port_url):
    with pytest.raises(DataError) as info:
        data.tiny_shakespeare(url=closed_port_url + "/input.txt")
    message = str(info.value)
    assert "download failed" in message
    assert str(empty_data_dir / "tinyshakespeare" / "input.txt") in message
    assert data.TINY_SHAKESPEARE_URL in message
    assert leftovers(empty_data_dir) == ["tinyshakespeare"]


def test_tiny_shakespeare_without_download(empty_data_dir):
    with pytest.raises(DataError, match="does not exist and download=False"):
        data.tiny_shakespeare(download=False)


def test_tiny_shakespeare_interrupted_download_leaves_nothing(empty_data_dir, local_server):
    local_server.routes["/input.txt"] = (b"First Citizen:\n", 1_115_394)
    with pytest.raises(DataError, match="download failed"):
        data.tiny_shakespeare(url=local_server.url + "/input.txt")
    assert leftovers(empty_data_dir) == ["tinyshakespeare"]


def test_tiny_shakespeare_corrupt_file_is_not_used(empty_data_dir):
    path = empty_data_dir / "tinyshakespeare" / "input.txt"
    path.parent.mkdir()
    path.write_text("To be, or not to be\n")
    with pytest.raises(DataError, match="corrupt"):
        data.tiny_shakespeare()


def test_tiny_shakespeare_real_file(monkeypatch):
    folder = real_data_dir()
    if folder is None or not (folder / "tinyshakespeare" / "input.txt").is_file():
        pytest.skip("Tiny Shakespeare not found: set COURSE_DATA_DIR to a folder with tinyshakespeare/input.txt")
    monkeypatch.setenv("COURSE_DATA_DIR", str(folder))
    text = data.tiny_shakespeare(download=False)
    assert len(text) == 1_115_394 and text.startswith("First Citizen:")


def test_tiny_shakespeare_download_from_local_server(empty_data_dir, local_server):
    folder = real_data_dir()
    if folder is None or not (folder / "tinyshakespeare" / "input.txt").is_file():
        pytest.skip("Tiny Shakespeare not found: set COURSE_DATA_DIR to a folder with tinyshakespeare/input.txt")
    local_server.routes["/input.txt"] = ((folder / "tinyshakespeare" / "input.txt").read_bytes(), None)
    assert len(data.tiny_shakespeare(url=local_server.url + "/input.txt")) == 1_115_394
    assert leftovers(empty_data_dir) == ["tinyshakespeare", "tinyshakespeare/input.txt"]


def test_char_tokenizer_round_trip():
    tok = data.CharTokenizer("hello world")
    assert len(tok) == 8
    ids = tok.encode("hello")
    assert ids.dtype == torch.long and tok.decode(ids) == "hello"


# ----------------------------------------------------------------------------- MNIST

@pytest.fixture
def mnist_mirror(monkeypatch):
    def point_at(url):
        monkeypatch.setattr(torchvision.datasets.MNIST, "mirrors", [url.rstrip("/") + "/"])

    return point_at


def test_mnist_offline_says_where_to_put_the_files(empty_data_dir, mnist_mirror, closed_port_url):
    mnist_mirror(closed_port_url)
    with pytest.raises(DataError) as info:
        data.mnist()
    message = str(info.value)
    for name in MNIST_FILES:
        assert f"{name}.gz" in message
    assert str(empty_data_dir / "MNIST" / "raw") in message
    assert "Download them from" in message
    assert leftovers(empty_data_dir) == ["MNIST", "MNIST/raw"]


def test_mnist_without_download(empty_data_dir):
    with pytest.raises(DataError, match="download=False"):
        data.mnist(download=False)


def test_mnist_interrupted_download_leaves_nothing(empty_data_dir, mnist_mirror, local_server):
    for name in MNIST_FILES:
        local_server.routes[f"/{name}.gz"] = (b"\x1f\x8b" + b"\0" * 50, 10_000)
    mnist_mirror(local_server.url)
    with pytest.raises(DataError, match="download failed"):
        data.mnist()
    assert leftovers(empty_data_dir) == ["MNIST", "MNIST/raw"]


def test_mnist_corrupt_file_is_detected_and_not_used(empty_data_dir):
    raw = empty_data_dir / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in MNIST_FILES:
        (raw / name).write_bytes(b"\0" * 64)
    with pytest.raises(DataError, match=r"train-images-idx3-ubyte is corrupt"):
        data.mnist()


@pytest.fixture
def real_mnist(monkeypatch):
    folder = real_data_dir()
    if folder is None:
        pytest.skip("MNIST not found: set COURSE_DATA_DIR to a folder with MNIST/raw/ (see data/README.md)")
    monkeypatch.setenv("COURSE_DATA_DIR", str(folder))
    return folder


def test_mnist_real_files(real_mnist):
    m = data.mnist(download=False)
    assert [tuple(t.shape) for t in m] == [(60000, 1, 28, 28), (60000,), (10000, 1, 28, 28), (10000,)]
    assert m.x_train.dtype == torch.float32 and m.y_train.dtype == torch.long
    assert abs(m.x_train.mean().item()) < 1e-3 and abs(m.x_train.std().item() - 1) < 1e-3
    assert sorted(m.y_test.unique().tolist()) == list(range(10))
    raw = data.mnist(raw=True, download=False)
    assert raw.x_train.dtype == torch.uint8 and int(raw.x_train.max()) == 255


def test_mnist_reads_what_torchvision_reads_without_importing_it(real_mnist):
    # The files are parsed by the course (importing torchvision costs seconds at the start of a
    # notebook); the tensors must be exactly torchvision's.
    from torchvision.datasets import MNIST as TorchvisionMNIST

    ours = data.mnist(raw=True, download=False)
    for train, images, labels in [(True, ours.x_train, ours.y_train), (False, ours.x_test, ours.y_test)]:
        theirs = TorchvisionMNIST(str(real_mnist), train=train, download=False)
        assert torch.equal(images, theirs.data.unsqueeze(1)) and images.dtype == theirs.data.dtype
        assert torch.equal(labels, theirs.targets.long())
    code = "import sys; from course_utils import data; data.mnist(download=False); print('torchvision' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"]


@pytest.mark.parametrize("corrupt", MNIST_FILES)
def test_mnist_each_file_is_checked(real_mnist, empty_data_dir, corrupt):
    # Every one of the four files is checked: the real files, one of them a byte short.
    raw = empty_data_dir / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in MNIST_FILES:
        shutil.copy(real_mnist / "MNIST" / "raw" / name, raw / name)
    content = (raw / corrupt).read_bytes()
    (raw / corrupt).write_bytes(content[:-1])
    with pytest.raises(DataError, match=rf"{corrupt} is corrupt"):
        data.mnist(download=False)


def test_mnist_unpacks_local_gz_files_without_network(real_mnist, empty_data_dir, mnist_mirror, closed_port_url):
    raw = empty_data_dir / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in MNIST_FILES:
        shutil.copy(real_mnist / "MNIST" / "raw" / f"{name}.gz", raw / f"{name}.gz")
    mnist_mirror(closed_port_url)
    m = data.mnist()
    assert len(m.x_train) == 60000
    assert not [p for p in leftovers(empty_data_dir) if "download" in p]


def test_mnist_gz_with_wrong_contents_is_not_used(real_mnist, empty_data_dir, mnist_mirror, closed_port_url):
    raw = empty_data_dir / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in MNIST_FILES:
        (raw / f"{name}.gz").write_bytes(gzip.compress(b"garbage"))
    mnist_mirror(closed_port_url)
    with pytest.raises(DataError):
        data.mnist()
    assert sorted(p.name for p in raw.iterdir()) == sorted(f"{n}.gz" for n in MNIST_FILES)


# ----------------------------------------------------------------------------- bundled and synthetic

def test_digits_and_sample_images():
    x, y = data.digits()
    assert x.shape == (1797, 64) and 0 <= x.min() and x.max() <= 1 and y.max() == 9
    images = data.sample_images()
    assert set(images) == {"china", "flower"}
    assert all(im.ndim == 3 and im.shape[2] == 3 and im.max() <= 1 for im in images.values())


TWO_D = [data.linearly_separable, data.xor, data.moons, data.circles, data.spirals]


@pytest.mark.parametrize("make", TWO_D, ids=lambda f: f.__name__)
def test_two_d_sets_are_deterministic(make):
    x1, y1 = make(n=120, seed=3)
    x2, y2 = make(n=120, seed=3)
    x3, _ = make(n=120, seed=4)
    assert x1.shape == (120, 2) and y1.shape == (120,)
    assert x1.dtype == torch.float32 and y1.dtype == torch.long
    assert torch.equal(x1, x2) and torch.equal(y1, y2)
    assert not torch.equal(x1, x3)
    assert set(y1.tolist()) == {0, 1}


def test_linearly_separable_is_separable():
    from sklearn.svm import LinearSVC

    x, y = data.linearly_separable(n=300, seed=1)
    assert LinearSVC(C=1e4, max_iter=100_000).fit(x.numpy(), y.numpy()).score(x.numpy(), y.numpy()) == 1.0


def test_xor_labels_follow_the_quadrants():
    x, y = data.xor(n=400, seed=0, noise=0.1)
    assert torch.equal(y, (x[:, 0] * x[:, 1] < 0).long())


def test_adding_problem():
    x, y = data.adding_problem(50, 20, seed=1)
    assert x.shape == (50, 20, 2) and y.shape == (50,)
    assert torch.equal(x[:, :, 1].sum(1), torch.full((50,), 2.0))
    assert torch.allclose((x[:, :, 0] * x[:, :, 1]).sum(1), y)
    assert torch.equal(data.adding_problem(50, 20, seed=1)[0], x)
    assert not torch.equal(data.adding_problem(50, 20, seed=2)[0], x)


def test_copy_and_reverse_tasks():
    src, tgt = data.copy_task(10, 6, vocab=5, seed=0)
    assert torch.equal(src, tgt) and src.min() >= 1 and src.max() <= 5
    src2, rev = data.copy_task(10, 6, vocab=5, seed=0, reverse=True)
    assert torch.equal(src, src2) and torch.equal(rev, src.flip(1))


def test_dates_are_deterministic_and_correct():
    import datetime as dt

    pairs = data.dates(300, seed=5)
    assert pairs == data.dates(300, seed=5) and pairs != data.dates(300, seed=6)
    assert len({human for human, _ in pairs}) > 250
    for human, iso in pairs:
        day = dt.date.fromisoformat(iso)
        assert str(day.year) in human and 1950 <= day.year <= 2049


def test_addition_pairs():
    pairs = data.addition(100, digits=3, seed=2)
    assert pairs == data.addition(100, digits=3, seed=2)
    for question, answer in pairs:
        a, b = question.split("+")
        assert int(a) + int(b) == int(answer) and len(a) <= 3


def test_train_val_split():
    x, y = torch.arange(100).float().unsqueeze(1), torch.arange(100)
    xt, yt, xv, yv = data.train_val_split(x, y, val_size=20, seed=0)
    assert len(xt) == 80 and len(xv) == 20
    assert sorted(torch.cat([yt, yv]).tolist()) == list(range(100))
    assert torch.equal(xv[:, 0].long(), yv)
    with pytest.raises(ValueError):
        data.train_val_split(x, y, val_size=100)


# ----------------------------------------------------------------------------- TensorBatches

def test_one_epoch_covers_every_example_once():
    x = torch.arange(103).float().unsqueeze(1)
    y = torch.arange(103)
    batches = TensorBatches(x, y, batch_size=10, generator=torch.Generator().manual_seed(0))
    assert len(batches) == 11
    seen = []
    for xb, yb in batches:
        assert xb.shape[1:] == (1,) and torch.equal(xb[:, 0].long(), yb)
        seen += yb.tolist()
    assert sorted(seen) == list(range(103)) and seen != list(range(103))
    assert [len(b[1]) for b in batches][-1] == 3


def test_drop_last_and_no_shuffle():
    x = torch.arange(25)
    batches = TensorBatches(x, batch_size=10, shuffle=False, drop_last=True)
    assert len(batches) == 2
    assert [b[0].tolist() for b in batches] == [list(range(10)), list(range(10, 20))]


def test_epochs_differ_and_generators_repeat():
    x = torch.arange(50)
    first = [b[0].tolist() for b in TensorBatches(x, batch_size=50, generator=torch.Generator().manual_seed(1))]
    again = [b[0].tolist() for b in TensorBatches(x, batch_size=50, generator=torch.Generator().manual_seed(1))]
    batches = TensorBatches(x, batch_size=50, generator=torch.Generator().manual_seed(1))
    epoch1, epoch2 = [b[0].tolist() for b in batches], [b[0].tolist() for b in batches]
    assert first == again and epoch1 == first and epoch1 != epoch2


def test_tensor_batches_rejects_bad_input():
    with pytest.raises(ValueError, match="same first dimension"):
        TensorBatches(torch.zeros(3), torch.zeros(4), batch_size=2)
    with pytest.raises(ValueError, match="batch_size"):
        TensorBatches(torch.zeros(3), batch_size=0)
    with pytest.raises(ValueError, match="at least one tensor"):
        TensorBatches(batch_size=2)


def test_tensor_batches_moves_to_device():
    batches = TensorBatches(torch.zeros(4, 2), torch.zeros(4), batch_size=2, device="cpu")
    assert all(t.device.type == "cpu" for t in next(iter(batches)))
