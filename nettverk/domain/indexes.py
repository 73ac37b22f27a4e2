"""Extra indexes for the large lists and the overview, created by migration 0005.

Every foreign key already leads an index (declared with its column, or a unique constraint);
these serve the orders and filters of the lists at national scale (100,000 milestones, 10,000
gatherings, 175,000 attendance rows). The query-plan test in
tests/integration/test_scale_query_plans.py fails when a main list scans a large table.
"""

from __future__ import annotations

from sqlalchemy import Index

from nettverk.domain.network import FollowUp, Gathering, Milestone

# The milestone list, unfiltered: ORDER BY due, id LIMIT n reads the first n index entries.
ix_milestone_due_id = Index("ix_milestone_due_id", Milestone.due, Milestone.id)

# One municipality's milestones by due date.
ix_milestone_municipality_id_due = Index(
    "ix_milestone_municipality_id_due", Milestone.municipality_id, Milestone.due)

# Open milestones by due date, covering the columns the overview groups by: counting overdue
# milestones per programme or municipality reads the index alone, never the table.
ix_milestone_open_cover = Index(
    "ix_milestone_open_cover", Milestone.done_on, Milestone.due, Milestone.programme_id,
    Milestone.municipality_id, Milestone.plan_document_id)

# The gathering list by start time (ties by id), deep pages included: on PostgreSQL the
# single-column index on starts_at still needs a sort for `ORDER BY starts_at, id`.
ix_gathering_starts_at_id = Index("ix_gathering_starts_at_id", Gathering.starts_at, Gathering.id)

# Gatherings held/planned per programme (the overview's counts) from the index alone.
ix_gathering_programme_id_status = Index(
    "ix_gathering_programme_id_status", Gathering.programme_id, Gathering.status)

# Gatherings by their state on a day (migration 0012): the overview's counts per programme read
# this index alone, and its unconfirmed gatherings (past, neither held nor cancelled by that
# day) are three short ranges of it (planned; held or cancelled only later) instead of every
# past gathering's row.
ix_gathering_state = Index(
    "ix_gathering_state", Gathering.status, Gathering.starts_at, Gathering.held_on,
    Gathering.cancelled_on, Gathering.programme_id)

# The follow-up log, newest first.
ix_follow_up_on = Index("ix_follow_up_on", FollowUp.on)

# Open next actions by due date (the milestone list's second half and the overview).
ix_follow_up_open_next_action = Index(
    "ix_follow_up_open_next_action", FollowUp.next_action_done_on, FollowUp.next_action_due)

EXTRA_INDEXES = (
    ix_milestone_due_id, ix_milestone_municipality_id_due, ix_milestone_open_cover,
    ix_gathering_starts_at_id, ix_gathering_programme_id_status, ix_gathering_state,
    ix_follow_up_on,
    ix_follow_up_open_next_action,
)
