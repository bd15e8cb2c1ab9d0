"""The assessment model (indicators.yaml): layers, indicators, weights, thresholds; loaded and
checked before anything is computed, so that a typo in a weight never produces a silent score."""
from __future__ import annotations

import importlib.resources
import math
import os
from dataclasses import dataclass, field
from typing import Any, Optional

import yaml

__all__ = ["Indicator", "Layer", "AssessmentModel", "ModelError", "load_model", "parse_model",
           "KNOWN_INDICATORS", "COMPLETENESS_FIELDS", "DEFAULT_MODEL"]

DEFAULT_MODEL = "ckanext.harbin_opendata.assessment:indicators.yaml"

# Every indicator the calculator knows, with the level it is computed at.
KNOWN_INDICATORS = {
    "metadata_completeness": "dataset", "timeliness": "dataset", "machine_readable": "dataset",
    "data_items_documented": "dataset", "has_data": "dataset", "resource_availability": "dataset",
    "catalog_size": "agency", "open_type_share": "agency", "adjustments_on_time": "agency",
    "usage": "agency", "feedback_on_time": "agency", "feedback_days": "agency",
    "applications_on_time": "agency", "application_days": "agency", "data_consistency": "agency",
}
# Fields metadata_completeness can count: package columns, tags, and the Harbin schema's extras.
CORE_FIELDS = {"title": "title", "notes": "notes", "license_id": "license_id"}
EXTRA_FIELDS = {"resource_code", "data_domain", "data_items", "data_formats", "update_frequency", "last_updated",
                "next_update_due", "open_type", "open_conditions", "publish_date", "spatial_coverage",
                "temporal_start", "temporal_end", "contact_name", "contact_phone", "contact_email",
                "related_codes", "desensitization_status", "title_en"}
COMPLETENESS_FIELDS = set(CORE_FIELDS) | EXTRA_FIELDS | {"tags"}


class ModelError(ValueError):
    """The model file is not usable; the message lists every problem found."""


class _Labelled:
    """Named in the model file in both languages: {"zh": …, "en": …}."""
    label: dict[str, str]

    def label_for(self, lang: str) -> str:
        return self.label["en" if lang.startswith("en") else "zh"]


@dataclass(frozen=True)
class Indicator(_Labelled):
    key: str
    label: dict[str, str]
    level: str
    weight: float
    scale: str
    zero: float = 0.0
    full: float = 1.0
    basis: str = ""  # the article of the Measures or the standard, as written in Chinese
    layer: str = ""
    basis_en: str = ""  # the same in English (the model file's basis: {zh: …, en: …})

    def basis_for(self, lang: str) -> str:
        return (self.basis_en if lang.startswith("en") else "") or self.basis

    def score(self, value: Optional[float]) -> Optional[float]:
        """0…100, or None when there is nothing to measure."""
        if value is None:
            return None
        raw = value * 100 if self.scale == "ratio" else (value - self.zero) / (self.full - self.zero) * 100
        return max(0.0, min(100.0, raw))


@dataclass(frozen=True)
class Layer(_Labelled):
    key: str
    label: dict[str, str]
    weight: float
    indicators: list[Indicator]


@dataclass(frozen=True)
class AssessmentModel:
    version: str
    title: dict[str, str]
    layers: list[Layer]
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def indicators(self) -> list[Indicator]:
        return [i for layer in self.layers for i in layer.indicators]

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

    def level(self, level: str) -> list[Indicator]:
        return [i for i in self.indicators if i.level == level]

    def as_dict(self) -> dict[str, Any]:
        """What a snapshot keeps of the model, to show later how a score came about."""
        return {"version": self.version, "layers": [
            {"key": l.key, "weight": l.weight, "indicators": [
                {"key": i.key, "weight": i.weight, "scale": i.scale, "zero": i.zero, "full": i.full}
                for i in l.indicators]} for l in self.layers]}


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _label(raw: Any, where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k].strip() for k in ("zh", "en")):
        problems.append(f"{where}: label needs non-empty zh and en")
        return {"zh": where, "en": where}
    return {"zh": raw["zh"], "en": raw["en"]}


def _indicator(raw: Any, layer: str, problems: list[str]) -> Optional[Indicator]:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
        problems.append(f"layer {layer}: every indicator needs a key")
        return None
    key = raw["key"]
    where = f"indicator {key}"
    if key not in KNOWN_INDICATORS:
        problems.append(f"{where}: unknown (known: {', '.join(sorted(KNOWN_INDICATORS))})")
    elif raw.get("level") != KNOWN_INDICATORS[key]:
        problems.append(f"{where}: level must be {KNOWN_INDICATORS[key]}")
    weight = _number(raw.get("weight"))
    if weight is None or weight <= 0:
        problems.append(f"{where}: weight must be a positive number")
    scale, zero, full = raw.get("scale"), _number(raw.get("zero", 0)), _number(raw.get("full", 1))
    if scale not in ("ratio", "linear"):
        problems.append(f"{where}: scale must be ratio or linear")
    elif scale == "linear" and (zero is None or full is None or zero == full or "zero" not in raw or "full" not in raw):
        problems.append(f"{where}: a linear scale needs numbers zero and full that differ")
    return Indicator(key=key, label=_label(raw.get("label"), where, problems), level=str(raw.get("level")),
                     weight=weight or 0.0, scale=str(scale), zero=zero or 0.0, full=full if full is not None else 1.0,
                     basis=_basis(raw.get("basis"), "zh"), basis_en=_basis(raw.get("basis"), "en"), layer=layer)


def _basis(raw: Any, lang: str) -> str:
    """A basis is a text (Chinese), or {zh: …, en: …}."""
    if isinstance(raw, dict):
        return str(raw.get(lang) or "")
    return str(raw or "") if lang == "zh" else ""


def _settings(raw: Any, problems: list[str]) -> dict[str, Any]:
    raw = raw if isinstance(raw, dict) else {}
    fields = raw.get("completeness_fields")
    if not isinstance(fields, list) or not fields or not set(fields) <= COMPLETENESS_FIELDS:
        problems.append("settings.completeness_fields: a list of fields among " + ", ".join(sorted(COMPLETENESS_FIELDS)))
        fields = ["title"]
    formats = raw.get("machine_readable_formats")
    if not isinstance(formats, list) or not formats or not all(isinstance(f, str) for f in formats):
        problems.append("settings.machine_readable_formats: a list of format names")
        formats = []
    window = raw.get("usage_window_days")
    if not isinstance(window, int) or isinstance(window, bool) or window <= 0:
        problems.append("settings.usage_window_days: a positive whole number")
        window = 365
    complete = _number(raw.get("complete_metadata"))
    if complete is None or not 0 < complete <= 1:
        problems.append("settings.complete_metadata: a share between 0 and 1")
        complete = 1.0
    return {"completeness_fields": list(dict.fromkeys(fields)), "usage_window_days": window,
            "machine_readable_formats": sorted({f.strip().upper() for f in formats}), "complete_metadata": complete}


def parse_model(raw: Any) -> AssessmentModel:
    """The model from the YAML document's data; ModelError lists every problem."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise ModelError("the model must be a mapping with version, title, settings and layers")
    layers: list[Layer] = []
    raw_layers = raw.get("layers")
    if not isinstance(raw_layers, list) or not raw_layers:
        problems.append("layers: at least one layer")
        raw_layers = []
    for raw_layer in raw_layers:
        if not isinstance(raw_layer, dict) or not isinstance(raw_layer.get("key"), str):
            problems.append("layers: every layer needs a key")
            continue
        key = raw_layer["key"]
        weight = _number(raw_layer.get("weight"))
        if weight is None or weight <= 0:
            problems.append(f"layer {key}: weight must be a positive number")
        indicators = [i for i in (_indicator(r, key, problems) for r in raw_layer.get("indicators") or []) if i]
        if not indicators:
            problems.append(f"layer {key}: at least one indicator")
        layers.append(Layer(key=key, label=_label(raw_layer.get("label"), f"layer {key}", problems),
                            weight=weight or 0.0, indicators=indicators))
    for kind, keys in (("layer", [l.key for l in layers]), ("indicator", [i.key for l in layers for i in l.indicators])):
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            problems.append(f"{kind} keys used twice: {', '.join(duplicates)}")
    total = sum(l.weight for l in layers)
    if layers and abs(total - 1) > 1e-6:
        problems.append(f"layer weights add up to {total:g}, not 1")
    settings = _settings(raw.get("settings"), problems)
    title = _label(raw.get("title"), "title", problems)
    if problems:
        raise ModelError("; ".join(problems))
    return AssessmentModel(version=str(raw.get("version") or ""), title=title, layers=layers, settings=settings)


def _read(source: str) -> str:
    """A file path, or `package:path` inside an installed package (as scheming's schemas)."""
    if ":" in source and not os.path.exists(source):
        package, _, name = source.partition(":")
        return importlib.resources.files(package).joinpath(name).read_text(encoding="utf-8")
    with open(source, encoding="utf-8") as handle:
        return handle.read()


def load_model(source: str = DEFAULT_MODEL) -> AssessmentModel:
    try:
        raw = yaml.safe_load(_read(source))
    except (OSError, ModuleNotFoundError) as error:
        raise ModelError(f"cannot read the assessment model {source}: {error}") from error
    except yaml.YAMLError as error:
        raise ModelError(f"the assessment model {source} is not valid YAML: {error}") from error
    return parse_model(raw)
