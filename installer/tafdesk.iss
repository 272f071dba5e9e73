; Inno Setup script for tafdesk on Windows (Inno Setup 6).
;
; Build on Windows, from the repository folder, after `bash installer/build.sh` (Git Bash) has
; made dist\tafdesk\ and build\installer\version.iss:
;
;   iscc installer\tafdesk.iss        -> dist\tafdesk-<version>-setup.exe
;
; The version is never typed here: build/installer/version.iss is written from tafdesk.__version__
; by installer/version.py (tests/installer/test_installer_files.py checks both).
#include "..\build\installer\version.iss"

#define AppName "tafdesk"
#define AppExe "tafdesk.exe"

[Setup]
; The AppId identifies tafdesk for upgrades and uninstalling: never change it.
AppId={{6F4E1C2A-3B7D-4E59-9A0C-7D2B1E8F5A34}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
VersionInfoVersion={#AppNumericVersion}
AppPublisher=tafdesk
AppComments=Early help case records, family plans and Team Around the Family meetings
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install by default (no administrator needed); an administrator may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=tafdesk-{#AppVersion}-setup
SetupIconFile=..\build\installer\tafdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The case database lives in the user's data folder (%LOCALAPPDATA%\tafdesk), never in {app}:
; uninstalling leaves it in place, so records are not lost with the program.

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\tafdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Early help case records"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there; the encrypted case database is in the user's data folder.
Type: filesandordirs; Name: "{app}\_internal"
