"""Every command of the main window, declared in one place with its shortcuts.

Menus, buttons and shortcuts share these actions, so that anything the mouse can do the keyboard
can do too. The window connects them to what they do.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ..i18n.ui import N_, _

Keys = tuple[QKeySequence.StandardKey | str, ...]


@dataclass(frozen=True)
class Spec:
    """Text and tip in English, marked N_; the actions show them through _()."""

    text: str
    keys: Keys = ()
    tip: str = ""


SPECS: dict[str, Spec] = {
    # File
    "open_case": Spec(N_("&Open case"), ("Ctrl+O",), N_("Open the case chosen in the list")),
    "new_case": Spec(N_("&New request for early help\u2026"), ("Ctrl+N",),
                     N_("Start a new family's case by recording their request")),
    "step_down": Spec(
        N_("New case stepped &down from social care\u2026"), (),
        N_("A family arriving from children's social care with the social worker's plan")),
    "back": Spec(N_("&Back to case list"), (QKeySequence.StandardKey.Back, "Esc"),
                 N_("Save and return to the list of cases")),
    "save": Spec(N_("&Save now"), (QKeySequence.StandardKey.Save,),
                 N_("Save what is typed now (tafdesk also saves by itself as you type)")),
    "quit": Spec(N_("&Quit"), ("Ctrl+Q",), N_("Save and close tafdesk")),
    "lock_now": Spec(N_("&Lock now"), ("Ctrl+Shift+L",),
                     N_("Save, hide every tafdesk window and ask for the passphrase to come back")),
    "change_passphrase": Spec(N_("Change &passphrase\u2026"), (),
                              N_("Choose a new passphrase for the encrypted database")),
    "documents": Spec(N_("&Documents and printing\u2026"), ("Ctrl+P",),
                      N_("Print or save a document of this case for the family, and see what was given to whom")),
    "translate_export": Spec(N_("Export for &translation\u2026"), (),
                             N_("Save the free text of a family document as a file for a translator (XLIFF)")),
    "translate_import": Spec(N_("&Import translation\u2026"), (),
                             N_("Bring back a translator's file so the family's documents show the translations")),
    "manage_users": Spec(N_("&Users…"), (),
                         N_("Add users of the shared database and change their roles (administrators)")),
    # Edit
    "undo": Spec(N_("&Undo"), (QKeySequence.StandardKey.Undo,)),
    "redo": Spec(N_("&Redo"), ("Ctrl+Shift+Z", "Ctrl+Y")),
    "find": Spec(N_("&Find case…"), (QKeySequence.StandardKey.Find,), N_("Search the case list")),
    "new_person": Spec(N_("New &family member"), ("Ctrl+Shift+F",),
                       N_("Add a child or adult to the family")),
    "new_professional": Spec(N_("Add &professional to the team"), ("Ctrl+Shift+T",),
                             N_("Add a professional to the team around the family")),
    "new_consent": Spec(N_("Record &consent"), ("Ctrl+Shift+C",),
                        N_("Record consent given by a family member")),
    "remove": Spec(N_("&Remove selected record"), ("Ctrl+Del",),
                   N_("Remove the family member, professional or consent record shown")),
    # View
    "show_journey": Spec(N_("The family's &journey"), ("Ctrl+J",), N_("Move to the list of steps")),
    "show_next": Spec(N_("&Next step"), ("Ctrl+G",), N_("Show the step that needs doing next")),
    "show_people": Spec(N_("&Family members"), ("Ctrl+1",)),
    "show_team": Spec(N_("&Team around the family"), ("Ctrl+2",)),
    "show_consent": Spec(N_("&Consent"), ("Ctrl+3",)),
    "show_caseload": Spec(N_("My case&load"), ("Ctrl+L",),
                          N_("What is overdue, due this week and due next week across your cases")),
    # F12 blanks every tafdesk window, projector too, from anywhere (ui/lock.py takes the key).
    "privacy": Spec(N_("&Hide the screen"), ("F12",),
                    N_("Blank every tafdesk window at once; F12 again shows them")),
    "ui_language": Spec(N_("Lan&guage of tafdesk\u2026"), (),
                        N_("Choose the language of tafdesk's menus and messages "
                           "(used from the next start)")),
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
    documents: QAction
    translate_export: QAction
    translate_import: QAction
    privacy: QAction
    ui_language: QAction

    @property
    def case_actions(self) -> list[QAction]:
        """Actions that only make sense while a case is open."""
        return [self.back, self.new_person, self.new_professional, self.new_consent, self.remove,
                self.show_journey, self.show_next, self.show_people, self.show_team,
                self.show_consent, self.documents, self.translate_export, self.translate_import]


def make_actions(parent: QWidget) -> Actions:
    made = {}
    for f in fields(Actions):
        spec = SPECS[f.name]
        action = QAction(_(spec.text), parent)
        action.setObjectName(f.name)
        if spec.keys:
            action.setShortcuts(_sequences(spec.keys))
        if spec.tip:
            action.setStatusTip(_(spec.tip))
            action.setToolTip(_(spec.tip))
        made[f.name] = action
    return Actions(**made)


def _sequences(keys: Keys) -> list[QKeySequence]:
    """All the platform's bindings of standard keys (Back is Alt+Left, and more), then ours."""
    out: list[QKeySequence] = []
    for k in keys:
        seqs = QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)]
        out.extend(s for s in seqs if not s.isEmpty() and s not in out)
    return out
