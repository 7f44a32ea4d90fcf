import pytest
import torch

from course_utils import device as device_mod
from course_utils.device import describe_device, get_device


@pytest.fixture
def cpu_only(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    monkeypatch.delenv("COURSE_DEVICE", raising=False)


@pytest.fixture
def two_gpus(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    monkeypatch.delenv("COURSE_DEVICE", raising=False)


def test_auto_on_a_cpu_only_machine_is_cpu(cpu_only):
    assert get_device() == torch.device("cpu")
    assert device_mod.available_devices() == ["cpu"]


def test_auto_prefers_cuda_then_mps(two_gpus, monkeypatch):
    assert get_device() == torch.device("cuda:0")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert get_device() == torch.device("mps")


def test_environment_variable_overrides_auto(two_gpus, monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "cpu")
    assert get_device() == torch.device("cpu")
    monkeypatch.setenv("COURSE_DEVICE", "cuda:1")
    assert get_device() == torch.device("cuda:1")
    monkeypatch.setenv("COURSE_DEVICE", "cuda")
    assert get_device() == torch.device("cuda:0")
    monkeypatch.setenv("COURSE_DEVICE", " AUTO ")
    assert get_device() == torch.device("cuda:0")


def test_explicit_argument_wins_over_environment(two_gpus, monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "cuda:1")
    assert get_device("cpu") == torch.device("cpu")


def test_unknown_device_name_is_a_clear_error(cpu_only, monkeypatch):
    with pytest.raises(ValueError, match=r"Unknown device 'tpu'.*auto, cpu, cuda, cuda:N, mps"):
        get_device("tpu")
    monkeypatch.setenv("COURSE_DEVICE", "gpu")
    with pytest.raises(ValueError, match=r"Unknown device 'gpu' \(from COURSE_DEVICE\)"):
        get_device()


def test_absent_device_names_what_is_available(cpu_only, monkeypatch):
    with pytest.raises(ValueError, match=r"'cuda:0'.*not available.*Available: cpu"):
        get_device("cuda")
    monkeypatch.setenv("COURSE_DEVICE", "mps")
    with pytest.raises(ValueError, match=r"'mps' \(from COURSE_DEVICE\).*Available: cpu.*unset COURSE_DEVICE"):
        get_device()


def test_absent_gpu_index(two_gpus):
    with pytest.raises(ValueError, match=r"'cuda:2'.*Available: cuda:0, cuda:1, cpu"):
        get_device("cuda:2")


def test_describe_device_is_one_line(cpu_only):
    line = describe_device()
    assert line == f"cpu, torch {torch.__version__.split('+')[0]}"
    assert "\n" not in line


def test_describe_cuda_device_gives_name_and_memory(monkeypatch):
    class Props:
        name, total_memory = "Fancy GPU", 16 * 2**30

    monkeypatch.setattr(torch.cuda, "get_device_properties", lambda d: Props())
    assert describe_device("cuda:0").startswith("cuda:0: Fancy GPU, 16.0 GiB, torch ")


def test_without_mps_moves_only_mps_to_the_cpu():
    from course_utils.device import without_mps

    assert without_mps("mps") == torch.device("cpu")
    assert without_mps(torch.device("cuda:1")) == torch.device("cuda:1")
    assert without_mps("cpu") == torch.device("cpu")
