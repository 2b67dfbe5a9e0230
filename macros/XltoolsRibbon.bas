Attribute VB_Name = "XltoolsRibbon"
' xltools ribbon callbacks. Every button calls OnButton, which hands the button's id
' to Python (xltools.addin.dispatch) through xlwings' RunPython. Keep this a forwarder:
' a new button is an entry in customUI14.xml plus one in xltools/addin/buttons.py,
' never new VBA, so all behaviour stays in tested Python.
Option Explicit

Sub OnButton(control As IRibbonControl)
    ' RunPython reads ActiveWorkbook (it becomes xw.Book.caller()), which is Nothing
    ' when no workbook is open: give it an empty one instead of a VBA error.
    If ActiveWorkbook Is Nothing Then Workbooks.Add
    RunPython "import xltools.addin as a; a.dispatch('" & control.Id & "')"
End Sub
