"""Every command of the main window, declared in one place with its shortcuts.

Menus, buttons and shortcuts share these actions, so that anything the mouse can do the keyboard
can do too. The window connects them to what they do.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Keys = tuple[QKeySequence.StandardKey | str, ...]


@dataclass(frozen=True)
class Spec:
    text: str
    keys: Keys = ()
    tip: str = ""


SPECS: dict[str, Spec] = {
    # File
    "open_case": Spec("&Open case", ("Ctrl+O",), "Open the case chosen in the list"),
    "new_case": Spec("&New request for early help\u2026", ("Ctrl+N",),
                     "Start a new family's case by recording their request"),
    "step_down": Spec("New case stepped &down from social care\u2026", (),
                      "A family arriving from children's social care with the social worker's plan"),
    "back": Spec("&Back to case list", (QKeySequence.StandardKey.Back, "Esc"),
                 "Save and return to the list of cases"),
    "save": Spec("&Save now", (QKeySequence.StandardKey.Save,),
                 "Save what is typed now (tafdesk also saves by itself as you type)"),
    "quit": Spec("&Quit", ("Ctrl+Q",), "Save and close tafdesk"),
    "lock_now": Spec("&Lock now", ("Ctrl+Shift+L",),
                     "Save, hide every tafdesk window and ask for the passphrase to come back"),
    "change_passphrase": Spec("Change &passphrase\u2026", (),
                              "Choose a new passphrase for the encrypted database"),
    "manage_users": Spec("&Users…", (),
                         "Add users of the shared database and change their roles (administrators)"),
    # Edit
    "undo": Spec("&Undo", (QKeySequence.StandardKey.Undo,)),
    "redo": Spec("&Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    "find": Spec("&Find case…", (QKeySequence.StandardKey.Find,), "Search the case list"),
    "new_person": Spec("New &family member", ("Ctrl+Shift+F",), "Add a child or adult to the family"),
    "new_professional": Spec("Add &professional to the team", ("Ctrl+Shift+T",),
                             "Add a professional to the team around the family"),
    "new_consent": Spec("Record &consent", ("Ctrl+Shift+C",), "Record consent given by a family member"),
    "remove": Spec("&Remove selected record", ("Ctrl+Del",),
                   "Remove the family member, professional or consent record shown"),
    # View
    "show_journey": Spec("The family's &journey", ("Ctrl+J",), "Move to the list of steps"),
    "show_next": Spec("&Next step", ("Ctrl+G",), "Show the step that needs doing next"),
    "show_people": Spec("&Family members", ("Ctrl+1",)),
    "show_team": Spec("&Team around the family", ("Ctrl+2",)),
    "show_consent": Spec("&Consent", ("Ctrl+3",)),
    "show_caseload": Spec("My case&load", ("Ctrl+L",),
                          "What is overdue, due this week and due next week across your cases"),
    # F12 blanks every tafdesk window, projector too, from anywhere (ui/lock.py takes the key).
    "privacy": Spec("&Hide the screen", ("F12",),
                    "Blank every tafdesk window at once; F12 again shows them"),
}


@dataclass
class Actions:
    open_case: QAction
    new_case: QAction
    step_down: QAction
    back: QAction
    save: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    new_person: QAction
    new_professional: QAction
    new_consent: QAction
    remove: QAction
    show_journey: QAction
    show_next: QAction
    show_people: QAction
    show_team: QAction
    show_consent: QAction
    show_caseload: QAction
    lock_now: QAction
    change_passphrase: QAction
    manage_users: QAction
    privacy: QAction

    @property
    def case_actions(self) -> list[QAction]:
        """Actions that only make sense while a case is open."""
        return [self.back, self.new_person, self.new_professional, self.new_consent, self.remove,
                self.show_journey, self.show_next, self.show_people, self.show_team,
                self.show_consent]


def make_actions(parent: QWidget) -> Actions:
    made = {}
    for f in fields(Actions):
        spec = SPECS[f.name]
        action = QAction(spec.text, parent)
        action.setObjectName(f.name)
        if spec.keys:
            action.setShortcuts(_sequences(spec.keys))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        made[f.name] = action
    return Actions(**made)


def _sequences(keys: Keys) -> list[QKeySequence]:
    """All the platform's bindings of standard keys (Back is Alt+Left, and more), then ours."""
    out: list[QKeySequence] = []
    for k in keys:
        seqs = QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)]
        out.extend(s for s in seqs if not s.isEmpty() and s not in out)
    return out
