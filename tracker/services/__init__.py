"""The use-cases both faces share, one module per use-case; everything is importable from
here (`services.record`, `services.statuses`, ...), each module loaded on first use
(PEP 562), so that a command pays only for the use-cases it calls.

  store        opening a store, its schema and seed data; what every write is stamped with
  importing    files of observations or indicator definitions, all or nothing
  recording    single writes typed by a person (values, flags, undo), each audited
  listing      every indicator's verdict, the summary, filtered and sorted listings
  detail       one indicator in depth: observations, flags, audit trail, changes since
  definitions  indicator definitions: add, edit, export
  exporting    CSV, JSON and xlsx exports, and backups
  access       PostgreSQL roles and the regions they may write
  status_board every indicator's verdict read from any store, the one read path
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.domain.status_board import (
        ATTENTION as ATTENTION,
    )
    from tracker.domain.status_board import (
        IndicatorStatus as IndicatorStatus,
    )
    from tracker.domain.status_board import (
        Named as Named,
    )
    from tracker.domain.status_board import (
        Reference as Reference,
    )
    from tracker.domain.status_board import (
        Summary as Summary,
    )
    from tracker.domain.vocab import (
        FlagLevel as FlagLevel,
    )
    from tracker.domain.vocab import (
        Kind as Kind,
    )
    from tracker.domain.vocab import (
        Status as Status,
    )
    from tracker.services.access import (
        access_grants as access_grants,
    )
    from tracker.services.access import (
        grant_access as grant_access,
    )
    from tracker.services.access import (
        grant_needs_password as grant_needs_password,
    )
    from tracker.services.access import (
        revoke_access as revoke_access,
    )
    from tracker.services.definitions import (
        DEPARTMENT_SEPARATOR as DEPARTMENT_SEPARATOR,
    )
    from tracker.services.definitions import (
        INDICATOR_COLUMNS as INDICATOR_COLUMNS,
    )
    from tracker.services.definitions import (
        add_indicator as add_indicator,
    )
    from tracker.services.definitions import (
        edit_indicator as edit_indicator,
    )
    from tracker.services.definitions import (
        edit_indicator_change as edit_indicator_change,
    )
    from tracker.services.definitions import (
        indicator_fields as indicator_fields,
    )
    from tracker.services.definitions import (
        indicator_records as indicator_records,
    )
    from tracker.services.detail import (
        AUDIT_SHOWN as AUDIT_SHOWN,
    )
    from tracker.services.detail import (
        AuditLine as AuditLine,
    )
    from tracker.services.detail import (
        FlagLine as FlagLine,
    )
    from tracker.services.detail import (
        IndicatorDetail as IndicatorDetail,
    )
    from tracker.services.detail import (
        IndicatorView as IndicatorView,
    )
    from tracker.services.detail import (
        ObservationLine as ObservationLine,
    )
    from tracker.services.detail import (
        audit_line as audit_line,
    )
    from tracker.services.detail import (
        audit_trail as audit_trail,
    )
    from tracker.services.detail import (
        change_marker as change_marker,
    )
    from tracker.services.detail import (
        changes_since as changes_since,
    )
    from tracker.services.detail import (
        describe_event as describe_event,
    )
    from tracker.services.detail import (
        document_titles as document_titles,
    )
    from tracker.services.detail import (
        facts_of as facts_of,
    )
    from tracker.services.detail import (
        flag_line as flag_line,
    )
    from tracker.services.detail import (
        indicator_detail as indicator_detail,
    )
    from tracker.services.detail import (
        indicator_view as indicator_view,
    )
    from tracker.services.detail import (
        observation_history as observation_history,
    )
    from tracker.services.detail import (
        observation_line as observation_line,
    )
    from tracker.services.detail import (
        reference as reference,
    )
    from tracker.services.exporting import (
        EXPORT_COLUMNS as EXPORT_COLUMNS,
    )
    from tracker.services.exporting import (
        FORMULA_START as FORMULA_START,
    )
    from tracker.services.exporting import (
        BackupResult as BackupResult,
    )
    from tracker.services.exporting import (
        backup as backup,
    )
    from tracker.services.exporting import (
        ensure as ensure,
    )
    from tracker.services.exporting import (
        exact_number as exact_number,
    )
    from tracker.services.exporting import (
        export_observations_csv as export_observations_csv,
    )
    from tracker.services.exporting import (
        export_records as export_records,
    )
    from tracker.services.exporting import (
        neutralize as neutralize,
    )
    from tracker.services.exporting import (
        observation_records as observation_records,
    )
    from tracker.services.exporting import (
        private_file as private_file,
    )
    from tracker.services.exporting import (
        write_csv as write_csv,
    )
    from tracker.services.exporting import (
        write_json as write_json,
    )
    from tracker.services.exporting import (
        write_xlsx as write_xlsx,
    )
    from tracker.services.importing import (
        ImportReport as ImportReport,
    )
    from tracker.services.importing import (
        current_observations as current_observations,
    )
    from tracker.services.importing import (
        import_file as import_file,
    )
    from tracker.services.importing import (
        outliers as outliers,
    )
    from tracker.services.importing import (
        preview_changes as preview_changes,
    )
    from tracker.services.importing import (
        suspicious as suspicious,
    )
    from tracker.services.listing import (
        SORT_KEYS as SORT_KEYS,
    )
    from tracker.services.listing import (
        IndicatorFilter as IndicatorFilter,
    )
    from tracker.services.listing import (
        matches as matches,
    )
    from tracker.services.listing import (
        select_indicators as select_indicators,
    )
    from tracker.services.listing import (
        statuses as statuses,
    )
    from tracker.services.listing import (
        summarize as summarize,
    )
    from tracker.services.recording import (
        TUI_ORIGIN as TUI_ORIGIN,
    )
    from tracker.services.recording import (
        Change as Change,
    )
    from tracker.services.recording import (
        clear_indicator_flag as clear_indicator_flag,
    )
    from tracker.services.recording import (
        flag as flag,
    )
    from tracker.services.recording import (
        flag_indicator as flag_indicator,
    )
    from tracker.services.recording import (
        parse_entry as parse_entry,
    )
    from tracker.services.recording import (
        record as record,
    )
    from tracker.services.recording import (
        record_value as record_value,
    )
    from tracker.services.recording import (
        undo_change as undo_change,
    )
    from tracker.services.recording import (
        unflag as unflag,
    )
    from tracker.services.status_board import (
        StatusBoard as StatusBoard,
    )
    from tracker.services.status_board import (
        read_status_board as read_status_board,
    )
    from tracker.services.store import (
        MAX_REPORTED_ERRORS as MAX_REPORTED_ERRORS,
    )
    from tracker.services.store import (
        Store as Store,
    )
    from tracker.services.store import (
        context as context,
    )
    from tracker.services.store import (
        initialize as initialize,
    )
    from tracker.services.store import (
        load_seeds as load_seeds,
    )
    from tracker.services.store import (
        now as now,
    )
    from tracker.services.store import (
        open_store as open_store,
    )

# Each name offered here, and the module that defines it.
_WHERE = {
    "ATTENTION": "tracker.domain.status_board",
    "IndicatorStatus": "tracker.domain.status_board",
    "Named": "tracker.domain.status_board",
    "Reference": "tracker.domain.status_board",
    "Summary": "tracker.domain.status_board",
    "FlagLevel": "tracker.domain.vocab",
    "Kind": "tracker.domain.vocab",
    "Status": "tracker.domain.vocab",
    "access_grants": "tracker.services.access",
    "grant_access": "tracker.services.access",
    "grant_needs_password": "tracker.services.access",
    "revoke_access": "tracker.services.access",
    "DEPARTMENT_SEPARATOR": "tracker.services.definitions",
    "INDICATOR_COLUMNS": "tracker.services.definitions",
    "add_indicator": "tracker.services.definitions",
    "edit_indicator": "tracker.services.definitions",
    "edit_indicator_change": "tracker.services.definitions",
    "indicator_fields": "tracker.services.definitions",
    "indicator_records": "tracker.services.definitions",
    "AUDIT_SHOWN": "tracker.services.detail",
    "AuditLine": "tracker.services.detail",
    "FlagLine": "tracker.services.detail",
    "IndicatorDetail": "tracker.services.detail",
    "IndicatorView": "tracker.services.detail",
    "ObservationLine": "tracker.services.detail",
    "audit_line": "tracker.services.detail",
    "audit_trail": "tracker.services.detail",
    "change_marker": "tracker.services.detail",
    "changes_since": "tracker.services.detail",
    "describe_event": "tracker.services.detail",
    "document_titles": "tracker.services.detail",
    "facts_of": "tracker.services.detail",
    "flag_line": "tracker.services.detail",
    "indicator_detail": "tracker.services.detail",
    "indicator_view": "tracker.services.detail",
    "observation_history": "tracker.services.detail",
    "observation_line": "tracker.services.detail",
    "reference": "tracker.services.detail",
    "EXPORT_COLUMNS": "tracker.services.exporting",
    "FORMULA_START": "tracker.services.exporting",
    "BackupResult": "tracker.services.exporting",
    "backup": "tracker.services.exporting",
    "ensure": "tracker.services.exporting",
    "exact_number": "tracker.services.exporting",
    "export_observations_csv": "tracker.services.exporting",
    "export_records": "tracker.services.exporting",
    "neutralize": "tracker.services.exporting",
    "observation_records": "tracker.services.exporting",
    "private_file": "tracker.services.exporting",
    "write_csv": "tracker.services.exporting",
    "write_json": "tracker.services.exporting",
    "write_xlsx": "tracker.services.exporting",
    "ImportReport": "tracker.services.importing",
    "current_observations": "tracker.services.importing",
    "import_file": "tracker.services.importing",
    "outliers": "tracker.services.importing",
    "preview_changes": "tracker.services.importing",
    "suspicious": "tracker.services.importing",
    "SORT_KEYS": "tracker.services.listing",
    "IndicatorFilter": "tracker.services.listing",
    "matches": "tracker.services.listing",
    "select_indicators": "tracker.services.listing",
    "statuses": "tracker.services.listing",
    "summarize": "tracker.services.listing",
    "TUI_ORIGIN": "tracker.services.recording",
    "Change": "tracker.services.recording",
    "clear_indicator_flag": "tracker.services.recording",
    "flag": "tracker.services.recording",
    "flag_indicator": "tracker.services.recording",
    "parse_entry": "tracker.services.recording",
    "record": "tracker.services.recording",
    "record_value": "tracker.services.recording",
    "undo_change": "tracker.services.recording",
    "unflag": "tracker.services.recording",
    "MAX_REPORTED_ERRORS": "tracker.services.store",
    "Store": "tracker.services.store",
    "context": "tracker.services.store",
    "initialize": "tracker.services.store",
    "load_seeds": "tracker.services.store",
    "now": "tracker.services.store",
    "open_store": "tracker.services.store",
    "StatusBoard": "tracker.services.status_board",
    "read_status_board": "tracker.services.status_board",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Load the module that defines `name` on first use, and keep the name here after it."""
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
