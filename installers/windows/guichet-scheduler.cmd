@echo off
rem The headless scheduler as the "Guichet scheduler" scheduled task (installed by guichet.iss
rem when "Run the headless scheduler" is ticked; see WINDOWS-SCHEDULER.md). Its settings are in
rem %ProgramData%\Guichet\scheduler.env, one NAME=value a line (scheduler.env.example): the
rem database URL and the encrypted file keyring holding the distributor passwords.
setlocal
set "ENVFILE=%ProgramData%\Guichet\scheduler.env"
if exist "%ENVFILE%" for /f "usebackq eol=# tokens=1,* delims==" %%a in ("%ENVFILE%") do set "%%a=%%b"
"%~dp0guichet.exe" scheduler 2>> "%ProgramData%\Guichet\scheduler.log"
