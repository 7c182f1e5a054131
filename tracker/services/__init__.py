"""The use-cases both faces share, one module per use-case; everything is importable from
here (`services.record`, `services.statuses`, ...), each module loaded on first use
(PEP 562), so that a command pays only for the use-cases it calls.

  store        an opened store, what every write is stamped with, `tracker db check`
  seeding      opening a store: its schema and the seed data, loaded through importing
  importing    files of observations or indicator definitions, all or nothing
  recording    single writes typed by a person (values, flags, undo), each audited
  listing      every indicator's verdict, the summary, filtered and sorted listings
  detail       one indicator in depth: observations, flags, audit trail, changes since
  definitions  indicator definitions: add, edit, export
  exporting    CSV, JSON and xlsx exports, and backups
  access       PostgreSQL roles and the regions they may write
  periods      closing a period for a region, reopening it, what is closed
  status_board every indicator's verdict read from any store, the one read path
  reporting_due what is still owed this period; sources where a figure came from (the
               document at its quote, the file); view_export a view written to csv/xlsx;
               template the fill-in workbook
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.domain.status_board import (
        ATTENTION,
        IndicatorStatus,
        Named,
        Reference,
        Summary,
    )
    from tracker.domain.vocab import (
        FlagLevel,
        Kind,
        Status,
    )
    from tracker.services.access import (
        access_grants,
        grant_access,
        grant_needs_password,
        revoke_access,
    )
    from tracker.services.audit import (
        AUDIT_SHOWN,
        AuditLine,
        audit_line,
        audit_trail,
        change_marker,
        change_sets,
        changes_since,
        describe_event,
    )
    from tracker.services.definitions import (
        DEPARTMENT_SEPARATOR,
        INDICATOR_COLUMNS,
        add_indicator,
        edit_indicator,
        indicator_fields,
        indicator_records,
    )
    from tracker.services.detail import (
        FlagLine,
        IndicatorDetail,
        IndicatorView,
        ObservationLine,
        document_titles,
        facts_of,
        flag_line,
        indicator_detail,
        indicator_view,
        observation_history,
        observation_line,
        reference,
    )
    from tracker.services.exporting import (
        EXPORT_COLUMNS,
        FORMULA_START,
        BackupResult,
        backup,
        ensure,
        exact_number,
        export_observations_csv,
        export_records,
        neutralize,
        observation_records,
        private_file,
        write_csv,
        write_json,
        write_xlsx,
    )
    from tracker.services.importing import (
        ImportReport,
        current_observations,
        import_file,
        preview_changes,
    )
    from tracker.services.listing import (
        SORT_KEYS,
        IndicatorFilter,
        matches,
        select_indicators,
        statuses,
        summarize,
    )
    from tracker.services.outliers import outliers, suspicious
    from tracker.services.periods import (
        close_period,
        closed_periods,
        reopen_period,
    )
    from tracker.services.recording import (
        TUI_ORIGIN,
        Change,
        change_made,
        flag,
        parse_entry,
        record,
        revert,
        unflag,
        value_warnings,
    )
    from tracker.services.seeding import (
        create_store,
        initialize,
        load_seeds,
        open_store,
    )
    from tracker.services.sources import (
        indicators_citing,
        locate,
        observation_source,
        programme_names,
        source_document,
    )
    from tracker.services.status_board import (
        StatusBoard,
        read_status_board,
    )
    from tracker.services.store import (
        MAX_REPORTED_ERRORS,
        Store,
        check_store,
        context,
        now,
        store_revision,
        upgrade_store,
    )
    from tracker.services.template import (
        write_template,
    )
    from tracker.services.view_export import (
        write_view,
    )
    from tracker.storage.engine import (
        mask_url,
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
    "indicator_fields": "tracker.services.definitions",
    "indicator_records": "tracker.services.definitions",
    "AUDIT_SHOWN": "tracker.services.audit",
    "AuditLine": "tracker.services.audit",
    "FlagLine": "tracker.services.detail",
    "IndicatorDetail": "tracker.services.detail",
    "IndicatorView": "tracker.services.detail",
    "ObservationLine": "tracker.services.detail",
    "audit_line": "tracker.services.audit",
    "audit_trail": "tracker.services.audit",
    "change_marker": "tracker.services.audit",
    "change_sets": "tracker.services.audit",
    "changes_since": "tracker.services.audit",
    "describe_event": "tracker.services.audit",
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
    "outliers": "tracker.services.outliers",
    "preview_changes": "tracker.services.importing",
    "suspicious": "tracker.services.outliers",
    "SORT_KEYS": "tracker.services.listing",
    "IndicatorFilter": "tracker.services.listing",
    "matches": "tracker.services.listing",
    "select_indicators": "tracker.services.listing",
    "statuses": "tracker.services.listing",
    "summarize": "tracker.services.listing",
    "close_period": "tracker.services.periods",
    "closed_periods": "tracker.services.periods",
    "reopen_period": "tracker.services.periods",
    "TUI_ORIGIN": "tracker.services.recording",
    "Change": "tracker.services.recording",
    "change_made": "tracker.services.recording",
    "flag": "tracker.services.recording",
    "parse_entry": "tracker.services.recording",
    "record": "tracker.services.recording",
    "revert": "tracker.services.recording",
    "unflag": "tracker.services.recording",
    "value_warnings": "tracker.services.recording",
    "MAX_REPORTED_ERRORS": "tracker.services.store",
    "Store": "tracker.services.store",
    "context": "tracker.services.store",
    "initialize": "tracker.services.seeding",
    "load_seeds": "tracker.services.seeding",
    "now": "tracker.services.store",
    "check_store": "tracker.services.store",
    "upgrade_store": "tracker.services.store",
    "store_revision": "tracker.services.store",
    "mask_url": "tracker.storage.engine",
    "create_store": "tracker.services.seeding",
    "open_store": "tracker.services.seeding",
    "StatusBoard": "tracker.services.status_board",
    "read_status_board": "tracker.services.status_board",
    "indicators_citing": "tracker.services.sources",
    "locate": "tracker.services.sources",
    "observation_source": "tracker.services.sources",
    "programme_names": "tracker.services.sources",
    "source_document": "tracker.services.sources",
    "write_view": "tracker.services.view_export",
    "write_template": "tracker.services.template",
}

__all__ = [
    "ATTENTION",
    "AUDIT_SHOWN",
    "AuditLine",
    "BackupResult",
    "Change",
    "change_made",
    "DEPARTMENT_SEPARATOR",
    "EXPORT_COLUMNS",
    "FORMULA_START",
    "FlagLevel",
    "FlagLine",
    "INDICATOR_COLUMNS",
    "ImportReport",
    "IndicatorDetail",
    "IndicatorFilter",
    "IndicatorStatus",
    "IndicatorView",
    "Kind",
    "MAX_REPORTED_ERRORS",
    "Named",
    "ObservationLine",
    "Reference",
    "SORT_KEYS",
    "Status",
    "StatusBoard",
    "Store",
    "Summary",
    "TUI_ORIGIN",
    "access_grants",
    "add_indicator",
    "audit_line",
    "audit_trail",
    "backup",
    "change_marker",
    "change_sets",
    "changes_since",
    "check_store",
    "close_period",
    "closed_periods",
    "context",
    "create_store",
    "current_observations",
    "describe_event",
    "document_titles",
    "edit_indicator",
    "ensure",
    "exact_number",
    "export_observations_csv",
    "export_records",
    "facts_of",
    "flag",
    "flag_line",
    "grant_access",
    "grant_needs_password",
    "import_file",
    "indicator_detail",
    "indicator_fields",
    "indicator_records",
    "indicator_view",
    "initialize",
    "load_seeds",
    "mask_url",
    "matches",
    "neutralize",
    "now",
    "observation_history",
    "observation_line",
    "observation_records",
    "open_store",
    "outliers",
    "parse_entry",
    "preview_changes",
    "private_file",
    "read_status_board",
    "record",
    "revert",
    "value_warnings",
    "reference",
    "reopen_period",
    "revoke_access",
    "select_indicators",
    "statuses",
    "store_revision",
    "summarize",
    "suspicious",
    "unflag",
    "upgrade_store",
    "write_csv",
    "write_json",
    "write_xlsx",
    "indicators_citing",
    "locate",
    "observation_source",
    "programme_names",
    "source_document",
    "write_view",
    "write_template",
]


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
