; Inno Setup 6.3 or later: builds ScrutinyDesk-Setup-<version>.exe from the PyInstaller
; one-folder bundle. On Windows, from the repository root:
;   .venv\Scripts\pyinstaller --noconfirm packaging\pyinstaller\scrutiny-desk.spec
;   iscc packaging\windows\scrutiny-desk.iss
;
; The version is written once, in the package (scrutiny_desk.__version__): the spec
; puts it in the programs' version resource and this script reads it back from the
; built program, so the installer can never name another version than the one it
; carries, and building it needs no argument to forget.
;
; A clerk installs it without administrator rights: per user, into
; %LOCALAPPDATA%\Programs\Scrutiny Desk. IT can install it for every user of a PC with
; /ALLUSERS on the command line (a clerk is not asked). The clerk's data lives
; elsewhere (%LOCALAPPDATA%\scrutiny-desk, from platformdirs, and Documents\Scrutiny
; Desk), so uninstalling removes the programs and leaves every database, backup and
; export where it was: nothing below names those folders.
#define AppName "Scrutiny Desk"
#define AppExe "scrutiny-desk.exe"
#define CliExe "scrutiny-desk-cli.exe"
#define Bundle "..\..\dist\scrutiny-desk"

#if !FileExists(Bundle + "\" + AppExe) || !FileExists(Bundle + "\" + CliExe)
  #error Build the bundle first: pyinstaller packaging\pyinstaller\scrutiny-desk.spec
#endif
#define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#if AppVersion == ""
  #error The bundled program has no version resource: build it with the project's spec
#endif

[Setup]
AppId={{6D1C3F0E-5A0B-4C53-9A57-2B1D6A1C0E2A}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Scrutiny Desk team
AppPublisherURL=https://scrutinydesk.org.uk/
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=ScrutinyDesk-Setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\scrutiny-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
LicenseFile=..\..\LICENSE
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
; The whole bundle: the windowed program, the console program beside it, and _internal.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion
Source: "..\..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Plan scrutiny meetings and print their papers"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
