"""The indicator model file: the shipped one loads; a broken one is refused with every reason."""
from __future__ import annotations

import importlib.resources

import pytest
import yaml

from ckanext.harbin_opendata.assessment.indicator_model import (
    DEFAULT_MODEL, KNOWN_INDICATORS, ModelError, load_model, parse_model)


@pytest.fixture
def raw() -> dict:
    text = importlib.resources.files("ckanext.harbin_opendata.assessment").joinpath("indicators.yaml")
    return yaml.safe_load(text.read_text(encoding="utf-8"))


def test_shipped_model_covers_every_indicator_and_the_four_layers():
    model = load_model(DEFAULT_MODEL)
    assert [layer.label["zh"] for layer in model.layers] == ["准备度", "平台层", "数据层", "利用层"]
    assert sum(layer.weight for layer in model.layers) == pytest.approx(1)
    assert {i.key for i in model.indicators} == set(KNOWN_INDICATORS)
    assert all(i.label["zh"] and i.label["en"] and i.basis for i in model.indicators)
    assert "GB/T 38664.3" in model.indicator("metadata_completeness").basis


def test_scales():
    model = load_model()
    assert model.indicator("timeliness").score(0.25) == 25
    assert model.indicator("catalog_size").score(15) == 50
    assert model.indicator("catalog_size").score(90) == 100  # clipped
    days = model.indicator("feedback_days")  # lower is better: 30 days → 0, 3 days → 100
    assert (days.score(30), days.score(3), days.score(16.5), days.score(60), days.score(1)) == (0, 100, 50, 0, 100)
    assert days.score(None) is None


@pytest.mark.parametrize("change, message", [
    (lambda m: m["layers"][0].update(weight=0.5), "layer weights add up to 1.35, not 1"),
    (lambda m: m["layers"][0]["indicators"][0].update(key="beauty"), "indicator beauty: unknown"),
    (lambda m: m["layers"][0]["indicators"][0].update(level="dataset"), "indicator catalog_size: level must be agency"),
    (lambda m: m["layers"][0]["indicators"][0].update(weight=-1), "indicator catalog_size: weight must be a positive number"),
    (lambda m: m["layers"][0]["indicators"][0].pop("full"), "indicator catalog_size: a linear scale needs numbers"),
    (lambda m: m["layers"][0]["indicators"][0].update(scale="log"), "scale must be ratio or linear"),
    (lambda m: m["layers"][1]["indicators"][0].update(label={"zh": "挂接"}), "label needs non-empty zh and en"),
    (lambda m: m["layers"][2]["indicators"].append(dict(m["layers"][2]["indicators"][0])), "indicator keys used twice: metadata_completeness"),
    (lambda m: m["settings"].update(completeness_fields=["title", "colour"]), "settings.completeness_fields"),
    (lambda m: m["settings"].update(complete_metadata=1.5), "settings.complete_metadata"),
    (lambda m: m["layers"][3].update(indicators=[]), "layer use: at least one indicator"),
])
def test_broken_models_are_refused(raw, change, message):
    change(raw)
    with pytest.raises(ModelError) as error:
        parse_model(raw)
    assert message in str(error.value)


def test_every_problem_is_reported_at_once(raw):
    raw["layers"][0]["weight"] = "heavy"
    raw["layers"][1]["indicators"][0]["scale"] = "log"
    with pytest.raises(ModelError) as error:
        parse_model(raw)
    assert "layer readiness: weight" in str(error.value) and "scale must be ratio or linear" in str(error.value)


def test_unreadable_files(tmp_path):
    with pytest.raises(ModelError, match="cannot read"):
        load_model(str(tmp_path / "missing.yaml"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("layers: [", encoding="utf-8")
    with pytest.raises(ModelError, match="not valid YAML"):
        load_model(str(bad))


def test_a_model_of_ones_own(tmp_path, raw):
    raw["layers"][2]["indicators"] = [i for i in raw["layers"][2]["indicators"] if i["key"] == "timeliness"]
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert [i.key for i in load_model(str(path)).level("dataset")] == [
        "has_data", "resource_availability", "timeliness"]
