; Inno Setup script: builds ScrutinyDesk-Setup.exe from the PyInstaller one-folder
; bundle in dist\scrutiny-desk (build that first with packaging\pyinstaller).
; Per-user install by default, so a clerk without administrator rights can install it.
#define AppName "Scrutiny Desk"
#define AppVersion "0.1.0"

[Setup]
AppId={{6D1C3F0E-5A0B-4C53-9A57-2B1D6A1C0E2A}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Scrutiny Desk team
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputBaseFilename=ScrutinyDesk-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\..\LICENSE

[Files]
Source: "..\..\dist\scrutiny-desk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\scrutiny-desk.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\scrutiny-desk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\scrutiny-desk.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
