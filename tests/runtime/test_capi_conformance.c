/* test_capi_conformance.c — the runtime's ownership exactness, checked by execution against
 * CPython's own table, Doc/data/refcounts.dat (../shared/cpython-data/refcounts.dat).
 *
 * usage: test_capi_conformance REFCOUNTS.DAT SYMBOLS HEADER-DIR [--doc OUTPUT.md]
 *   SYMBOLS is the list of functions the runtime library exports (nm), HEADER-DIR its headers
 *   (the macros they define count as implemented too).
 *
 * For every function or macro of the table that the runtime implements, a driver
 * (conformance_drivers.h) makes one call while the harness (conformance_harness.h) measures what
 * happened to each object: the result must be new (+1: the caller owns one more reference) or
 * borrowed (0), or NULL ("null"), as the table says; an argument marked 0 must leave the caller
 * its reference (borrowed: the callee may keep references of its own), +1 must gain a reference
 * without costing the caller one, -1 must cost the caller its reference (a DECREF or a steal). Every disagreement must be listed, with its reason, in the exception list
 * below; an exception that no longer happens fails the test too, so the list stays true. The
 * table's known gap — it does not record steals (PyList_SetItem, PyTuple_SetItem, ...) — shows up
 * there, as do its errors and the places where the runtime follows CPython 3.12 rather than 3.11.
 * Three functions cannot be called here: Py_FatalError aborts, Py_Finalize would end the runtime
 * the test runs in and Py_Exit ends the process; they are reported as implemented and not checked.
 *
 * With --doc, the test also writes docs/runtime-api.md: what the runtime implements, per family,
 * against the table, and what is missing.
 */
#include <ctype.h>
#include <dirent.h>
#include "conformance_drivers.h"

/* mismatch() is handed one of a few fixed messages, chosen at run time. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

typedef struct {
  const char *name;
  void (*fn)(void);
} Driver;

#define DRV(name) {#name, d_##name},
static const Driver drivers[] = {
    DRV(PyAIter_Check)
    DRV(PyAnySet_Check)
    DRV(PyAnySet_CheckExact)
    DRV(PyBool_Check)
    DRV(PyBool_FromLong)
    DRV(PyBuffer_FillContiguousStrides)
    DRV(PyBuffer_FillInfo)
    DRV(PyBuffer_IsContiguous)
    DRV(PyBuffer_Release)
    DRV(PyBuffer_ToContiguous)
    DRV(PyByteArray_AS_STRING)
    DRV(PyByteArray_AsString)
    DRV(PyByteArray_Check)
    DRV(PyByteArray_CheckExact)
    DRV(PyByteArray_Concat)
    DRV(PyByteArray_FromObject)
    DRV(PyByteArray_FromStringAndSize)
    DRV(PyByteArray_GET_SIZE)
    DRV(PyByteArray_Resize)
    DRV(PyByteArray_Size)
    DRV(PyBytes_AS_STRING)
    DRV(PyBytes_AsString)
    DRV(PyBytes_AsStringAndSize)
    DRV(PyBytes_Check)
    DRV(PyBytes_CheckExact)
    DRV(PyBytes_Concat)
    DRV(PyBytes_ConcatAndDel)
    DRV(PyBytes_FromFormat)
    DRV(PyBytes_FromFormatV)
    DRV(PyBytes_FromObject)
    DRV(PyBytes_FromString)
    DRV(PyBytes_FromStringAndSize)
    DRV(PyBytes_GET_SIZE)
    DRV(PyBytes_Size)
    DRV(PyCFunction_New)
    DRV(PyCFunction_NewEx)
    DRV(PyCMethod_New)
    DRV(PyCallIter_Check)
    DRV(PyCallIter_New)
    DRV(PyCallable_Check)
    DRV(PyCapsule_CheckExact)
    DRV(PyCapsule_GetContext)
    DRV(PyCapsule_GetDestructor)
    DRV(PyCapsule_GetName)
    DRV(PyCapsule_GetPointer)
    DRV(PyCapsule_Import)
    DRV(PyCapsule_IsValid)
    DRV(PyCapsule_New)
    DRV(PyCapsule_SetContext)
    DRV(PyCapsule_SetDestructor)
    DRV(PyCapsule_SetName)
    DRV(PyCapsule_SetPointer)
    DRV(PyCell_Check)
    DRV(PyCell_GET)
    DRV(PyCell_Get)
    DRV(PyCell_New)
    DRV(PyCell_SET)
    DRV(PyCell_Set)
    DRV(PyComplex_AsCComplex)
    DRV(PyComplex_Check)
    DRV(PyComplex_CheckExact)
    DRV(PyComplex_FromCComplex)
    DRV(PyComplex_FromDoubles)
    DRV(PyComplex_ImagAsDouble)
    DRV(PyComplex_RealAsDouble)
    DRV(PyDescr_IsData)
    DRV(PyDescr_NewClassMethod)
    DRV(PyDescr_NewGetSet)
    DRV(PyDescr_NewMember)
    DRV(PyDescr_NewMethod)
    DRV(PyDictProxy_New)
    DRV(PyDict_Check)
    DRV(PyDict_CheckExact)
    DRV(PyDict_Clear)
    DRV(PyDict_Contains)
    DRV(PyDict_Copy)
    DRV(PyDict_DelItem)
    DRV(PyDict_DelItemString)
    DRV(PyDict_GetItem)
    DRV(PyDict_GetItemString)
    DRV(PyDict_GetItemWithError)
    DRV(PyDict_Items)
    DRV(PyDict_Keys)
    DRV(PyDict_Merge)
    DRV(PyDict_MergeFromSeq2)
    DRV(PyDict_New)
    DRV(PyDict_Next)
    DRV(PyDict_SetDefault)
    DRV(PyDict_SetItem)
    DRV(PyDict_SetItemString)
    DRV(PyDict_Size)
    DRV(PyDict_Update)
    DRV(PyDict_Values)
    DRV(PyErr_BadArgument)
    DRV(PyErr_BadInternalCall)
    DRV(PyErr_CheckSignals)
    DRV(PyErr_Clear)
    DRV(PyErr_ExceptionMatches)
    DRV(PyErr_Fetch)
    DRV(PyErr_Format)
    DRV(PyErr_FormatV)
    DRV(PyErr_GetExcInfo)
    DRV(PyErr_GetRaisedException)
    DRV(PyErr_GivenExceptionMatches)
    DRV(PyErr_NewException)
    DRV(PyErr_NewExceptionWithDoc)
    DRV(PyErr_NoMemory)
    DRV(PyErr_NormalizeException)
    DRV(PyErr_Occurred)
    DRV(PyErr_Print)
    DRV(PyErr_PrintEx)
    DRV(PyErr_ResourceWarning)
    DRV(PyErr_Restore)
    DRV(PyErr_SetExcInfo)
    DRV(PyErr_SetFromErrno)
    DRV(PyErr_SetFromErrnoWithFilename)
    DRV(PyErr_SetFromErrnoWithFilenameObject)
    DRV(PyErr_SetFromErrnoWithFilenameObjects)
    DRV(PyErr_SetImportError)
    DRV(PyErr_SetImportErrorSubclass)
    DRV(PyErr_SetInterrupt)
    DRV(PyErr_SetNone)
    DRV(PyErr_SetObject)
    DRV(PyErr_SetRaisedException)
    DRV(PyErr_SetString)
    DRV(PyErr_SyntaxLocation)
    DRV(PyErr_SyntaxLocationEx)
    DRV(PyErr_SyntaxLocationObject)
    DRV(PyErr_WarnEx)
    DRV(PyErr_WarnExplicit)
    DRV(PyErr_WarnExplicitObject)
    DRV(PyErr_WarnFormat)
    DRV(PyErr_WriteUnraisable)
    DRV(PyEval_AcquireThread)
    DRV(PyEval_GetBuiltins)
    DRV(PyEval_GetFrame)
    DRV(PyEval_GetFuncDesc)
    DRV(PyEval_GetFuncName)
    DRV(PyEval_GetGlobals)
    DRV(PyEval_GetLocals)
    DRV(PyEval_ReleaseThread)
    DRV(PyEval_RestoreThread)
    DRV(PyEval_SaveThread)
    DRV(PyException_GetArgs)
    DRV(PyException_GetCause)
    DRV(PyException_GetContext)
    DRV(PyException_GetTraceback)
    DRV(PyException_SetCause)
    DRV(PyException_SetContext)
    DRV(PyException_SetTraceback)
    DRV(PyFile_GetLine)
    DRV(PyFile_WriteObject)
    DRV(PyFile_WriteString)
    DRV(PyFloat_AS_DOUBLE)
    DRV(PyFloat_AsDouble)
    DRV(PyFloat_Check)
    DRV(PyFloat_CheckExact)
    DRV(PyFloat_FromDouble)
    DRV(PyFloat_FromString)
    DRV(PyFloat_GetInfo)
    DRV(PyFunction_Check)
    DRV(PyFrozenSet_Check)
    DRV(PyFrozenSet_CheckExact)
    DRV(PyFrozenSet_New)
    DRV(PyImport_AddModule)
    DRV(PyImport_AddModuleObject)
    DRV(PyImport_AddModuleRef)
    DRV(PyImport_GetMagicNumber)
    DRV(PyImport_GetModule)
    DRV(PyImport_GetModuleDict)
    DRV(PyImport_Import)
    DRV(PyImport_ImportModule)
    DRV(PyImport_ImportModuleEx)
    DRV(PyImport_ImportModuleLevel)
    DRV(PyImport_ImportModuleLevelObject)
    DRV(PyImport_ImportModuleNoBlock)
    DRV(PyIndex_Check)
    DRV(PyInstanceMethod_Check)
    DRV(PyInstanceMethod_Function)
    DRV(PyInstanceMethod_GET_FUNCTION)
    DRV(PyInstanceMethod_New)
    DRV(PyInterpreterState_Clear)
    DRV(PyInterpreterState_Delete)
    DRV(PyInterpreterState_GetID)
    DRV(PyInterpreterState_New)
    DRV(PyIter_Check)
    DRV(PyIter_Next)
    DRV(PyIter_Send)
    DRV(PyList_Append)
    DRV(PyList_AsTuple)
    DRV(PyList_Check)
    DRV(PyList_CheckExact)
    DRV(PyList_GET_ITEM)
    DRV(PyList_GET_SIZE)
    DRV(PyList_GetItem)
    DRV(PyList_GetItemRef)
    DRV(PyList_GetSlice)
    DRV(PyList_Insert)
    DRV(PyList_New)
    DRV(PyList_Reverse)
    DRV(PyList_SET_ITEM)
    DRV(PyList_SetItem)
    DRV(PyList_SetSlice)
    DRV(PyList_Size)
    DRV(PyList_Sort)
    DRV(PyLong_AsDouble)
    DRV(PyLong_AsLong)
    DRV(PyLong_AsLongLong)
    DRV(PyLong_AsSize_t)
    DRV(PyLong_AsSsize_t)
    DRV(PyLong_AsUnsignedLong)
    DRV(PyLong_AsUnsignedLongLong)
    DRV(PyLong_AsUnsignedLongLongMask)
    DRV(PyLong_AsUnsignedLongMask)
    DRV(PyLong_AsVoidPtr)
    DRV(PyLong_Check)
    DRV(PyLong_CheckExact)
    DRV(PyLong_AsLongAndOverflow)
    DRV(PyLong_AsLongLongAndOverflow)
    DRV(PyLong_FromDouble)
    DRV(PyLong_FromLong)
    DRV(PyLong_FromLongLong)
    DRV(PyLong_FromSize_t)
    DRV(PyLong_FromSsize_t)
    DRV(PyLong_FromString)
    DRV(PyLong_FromUnicodeObject)
    DRV(PyLong_FromUnsignedLong)
    DRV(PyLong_FromUnsignedLongLong)
    DRV(PyLong_FromVoidPtr)
    DRV(PyMapping_Check)
    DRV(PyMapping_DelItem)
    DRV(PyMapping_DelItemString)
    DRV(PyMapping_GetItemString)
    DRV(PyMapping_HasKey)
    DRV(PyMapping_HasKeyString)
    DRV(PyMapping_Items)
    DRV(PyMapping_Keys)
    DRV(PyMapping_Length)
    DRV(PyMapping_SetItemString)
    DRV(PyMapping_Size)
    DRV(PyMapping_Values)
    DRV(PyMemoryView_Check)
    DRV(PyMemoryView_FromBuffer)
    DRV(PyMemoryView_FromMemory)
    DRV(PyMemoryView_FromObject)
    DRV(PyMemoryView_GET_BASE)
    DRV(PyMemoryView_GET_BUFFER)
    DRV(PyMemoryView_GetContiguous)
    DRV(PyMethod_Check)
    DRV(PyMethod_Function)
    DRV(PyMethod_GET_FUNCTION)
    DRV(PyMethod_GET_SELF)
    DRV(PyMethod_New)
    DRV(PyMethod_Self)
    DRV(PyModuleDef_Init)
    DRV(PyModule_AddFunctions)
    DRV(PyModule_AddIntConstant)
    DRV(PyModule_AddIntMacro)
    DRV(PyModule_AddObject)
    DRV(PyModule_AddStringConstant)
    DRV(PyModule_AddStringMacro)
    DRV(PyModule_Check)
    DRV(PyModule_CheckExact)
    DRV(PyModule_Create)
    DRV(PyModule_Create2)
    DRV(PyModule_ExecDef)
    DRV(PyModule_FromDefAndSpec)
    DRV(PyModule_FromDefAndSpec2)
    DRV(PyModule_GetDef)
    DRV(PyModule_GetDict)
    DRV(PyModule_GetFilename)
    DRV(PyModule_GetFilenameObject)
    DRV(PyModule_GetName)
    DRV(PyModule_GetNameObject)
    DRV(PyModule_GetState)
    DRV(PyModule_New)
    DRV(PyModule_NewObject)
    DRV(PyModule_SetDocString)
    DRV(PyNumber_Absolute)
    DRV(PyNumber_Add)
    DRV(PyNumber_And)
    DRV(PyNumber_AsSsize_t)
    DRV(PyNumber_Check)
    DRV(PyNumber_Divmod)
    DRV(PyNumber_Float)
    DRV(PyNumber_FloorDivide)
    DRV(PyNumber_InPlaceAdd)
    DRV(PyNumber_InPlaceAnd)
    DRV(PyNumber_InPlaceFloorDivide)
    DRV(PyNumber_InPlaceLshift)
    DRV(PyNumber_InPlaceMatrixMultiply)
    DRV(PyNumber_InPlaceMultiply)
    DRV(PyNumber_InPlaceOr)
    DRV(PyNumber_InPlacePower)
    DRV(PyNumber_InPlaceRemainder)
    DRV(PyNumber_InPlaceRshift)
    DRV(PyNumber_InPlaceSubtract)
    DRV(PyNumber_InPlaceTrueDivide)
    DRV(PyNumber_InPlaceXor)
    DRV(PyNumber_Index)
    DRV(PyNumber_Invert)
    DRV(PyNumber_Long)
    DRV(PyNumber_Lshift)
    DRV(PyNumber_MatrixMultiply)
    DRV(PyNumber_Multiply)
    DRV(PyNumber_Negative)
    DRV(PyNumber_Or)
    DRV(PyNumber_Positive)
    DRV(PyNumber_Power)
    DRV(PyNumber_Remainder)
    DRV(PyNumber_Rshift)
    DRV(PyNumber_Subtract)
    DRV(PyNumber_ToBase)
    DRV(PyNumber_TrueDivide)
    DRV(PyNumber_Xor)
    DRV(PyOS_AfterFork)
    DRV(PyOS_AfterFork_Child)
    DRV(PyOS_AfterFork_Parent)
    DRV(PyOS_BeforeFork)
    DRV(PyOS_FSPath)
    DRV(PyObject_ASCII)
    DRV(PyObject_AsFileDescriptor)
    DRV(PyObject_Bytes)
    DRV(PyObject_CheckReadBuffer)
    DRV(PyObject_Call)
    DRV(PyObject_CallFunction)
    DRV(PyObject_CallFunctionObjArgs)
    DRV(PyObject_CallMethod)
    DRV(PyObject_CallMethodObjArgs)
    DRV(PyObject_CallNoArgs)
    DRV(PyObject_CallObject)
    DRV(PyObject_CallOneArg)
    DRV(PyObject_CheckBuffer)
    DRV(PyObject_DelAttr)
    DRV(PyObject_DelAttrString)
    DRV(PyObject_DelItem)
    DRV(PyObject_Dir)
    DRV(PyObject_GC_Del)
    DRV(PyObject_GC_New)
    DRV(PyObject_GC_NewVar)
    DRV(PyObject_GC_Resize)
    DRV(PyObject_GC_Track)
    DRV(PyObject_GC_UnTrack)
    DRV(PyObject_GenericGetAttr)
    DRV(PyObject_GenericGetDict)
    DRV(PyObject_GenericSetAttr)
    DRV(PyObject_GenericSetDict)
    DRV(PyObject_GetAIter)
    DRV(PyObject_GetAttr)
    DRV(PyObject_GetAttrString)
    DRV(PyObject_GetBuffer)
    DRV(PyObject_GetItem)
    DRV(PyObject_GetIter)
    DRV(PyObject_HasAttr)
    DRV(PyObject_HasAttrString)
    DRV(PyObject_Hash)
    DRV(PyObject_HashNotImplemented)
    DRV(PyObject_Init)
    DRV(PyObject_InitVar)
    DRV(PyObject_IsInstance)
    DRV(PyObject_IsSubclass)
    DRV(PyObject_IsTrue)
    DRV(PyObject_Length)
    DRV(PyObject_LengthHint)
    DRV(PyObject_NEW)
    DRV(PyObject_NEW_VAR)
    DRV(PyObject_New)
    DRV(PyObject_NewVar)
    DRV(PyObject_Not)
    DRV(PyObject_Print)
    DRV(PyObject_Repr)
    DRV(PyObject_RichCompare)
    DRV(PyObject_RichCompareBool)
    DRV(PyObject_SetAttr)
    DRV(PyObject_SetAttrString)
    DRV(PyObject_SetItem)
    DRV(PyObject_Size)
    DRV(PyObject_Str)
    DRV(PyObject_Type)
    DRV(PyObject_TypeCheck)
    DRV(PySeqIter_Check)
    DRV(PySeqIter_New)
    DRV(PySequence_Check)
    DRV(PySequence_Concat)
    DRV(PySequence_Contains)
    DRV(PySequence_Count)
    DRV(PySequence_DelItem)
    DRV(PySequence_DelSlice)
    DRV(PySequence_Fast)
    DRV(PySequence_Fast_GET_ITEM)
    DRV(PySequence_Fast_GET_SIZE)
    DRV(PySequence_Fast_ITEMS)
    DRV(PySequence_GetItem)
    DRV(PySequence_GetSlice)
    DRV(PySequence_ITEM)
    DRV(PySequence_In)
    DRV(PySequence_InPlaceConcat)
    DRV(PySequence_InPlaceRepeat)
    DRV(PySequence_Index)
    DRV(PySequence_List)
    DRV(PySequence_Repeat)
    DRV(PySequence_SetItem)
    DRV(PySequence_SetSlice)
    DRV(PySequence_Size)
    DRV(PySequence_Tuple)
    DRV(PySet_Add)
    DRV(PySet_Check)
    DRV(PySet_Clear)
    DRV(PySet_Contains)
    DRV(PySet_Discard)
    DRV(PySet_GET_SIZE)
    DRV(PySet_New)
    DRV(PySet_Pop)
    DRV(PySet_Size)
    DRV(PySlice_AdjustIndices)
    DRV(PySlice_Check)
    DRV(PySlice_GetIndices)
    DRV(PySlice_GetIndicesEx)
    DRV(PySlice_New)
    DRV(PySlice_Unpack)
    DRV(PyState_AddModule)
    DRV(PyState_FindModule)
    DRV(PyState_RemoveModule)
    DRV(PyStructSequence_GET_ITEM)
    DRV(PyStructSequence_GetItem)
    DRV(PyStructSequence_InitType)
    DRV(PyStructSequence_InitType2)
    DRV(PyStructSequence_New)
    DRV(PyStructSequence_NewType)
    DRV(PyStructSequence_SET_ITEM)
    DRV(PyStructSequence_SetItem)
    DRV(PySys_FormatStderr)
    DRV(PySys_FormatStdout)
    DRV(PySys_GetObject)
    DRV(PySys_GetXOptions)
    DRV(PySys_SetObject)
    DRV(PySys_WriteStderr)
    DRV(PySys_WriteStdout)
    DRV(PyThreadState_Clear)
    DRV(PyThreadState_Delete)
    DRV(PyThreadState_Get)
    DRV(PyThreadState_GetDict)
    DRV(PyThreadState_New)
    DRV(PyThreadState_Swap)
    DRV(PyThread_tss_alloc)
    DRV(PyThread_tss_create)
    DRV(PyThread_tss_delete)
    DRV(PyThread_tss_free)
    DRV(PyThread_tss_get)
    DRV(PyThread_tss_is_created)
    DRV(PyThread_tss_set)
    DRV(PyTraceMalloc_Track)
    DRV(PyTraceMalloc_Untrack)
    DRV(PyTuple_Check)
    DRV(PyTuple_CheckExact)
    DRV(PyTuple_GET_ITEM)
    DRV(PyTuple_GET_SIZE)
    DRV(PyTuple_GetItem)
    DRV(PyTuple_GetSlice)
    DRV(PyTuple_New)
    DRV(PyTuple_Pack)
    DRV(PyTuple_SET_ITEM)
    DRV(PyTuple_SetItem)
    DRV(PyTuple_Size)
    DRV(PyType_Check)
    DRV(PyType_CheckExact)
    DRV(PyType_FromModuleAndSpec)
    DRV(PyType_FromSpec)
    DRV(PyType_FromSpecWithBases)
    DRV(PyType_GenericAlloc)
    DRV(PyType_GenericNew)
    DRV(PyType_GetFlags)
    DRV(PyType_GetName)
    DRV(PyType_GetQualName)
    DRV(PyType_GetSlot)
    DRV(PyType_HasFeature)
    DRV(PyType_IS_GC)
    DRV(PyType_IsSubtype)
    DRV(PyType_Modified)
    DRV(PyType_Ready)
    DRV(PyUnicode_1BYTE_DATA)
    DRV(PyUnicode_AsASCIIString)
    DRV(PyUnicode_AsEncodedString)
    DRV(PyUnicode_AsLatin1String)
    DRV(PyUnicode_AsUCS4)
    DRV(PyUnicode_AsUCS4Copy)
    DRV(PyUnicode_AsUTF8)
    DRV(PyUnicode_AsUTF8AndSize)
    DRV(PyUnicode_AsUTF8String)
    DRV(PyUnicode_AsWideChar)
    DRV(PyUnicode_AsWideCharString)
    DRV(PyUnicode_Check)
    DRV(PyUnicode_CheckExact)
    DRV(PyUnicode_Compare)
    DRV(PyUnicode_CompareWithASCIIString)
    DRV(PyUnicode_Concat)
    DRV(PyUnicode_Contains)
    DRV(PyUnicode_CopyCharacters)
    DRV(PyUnicode_Count)
    DRV(PyUnicode_DATA)
    DRV(PyUnicode_Decode)
    DRV(PyUnicode_DecodeASCII)
    DRV(PyUnicode_DecodeFSDefault)
    DRV(PyUnicode_DecodeFSDefaultAndSize)
    DRV(PyUnicode_DecodeLatin1)
    DRV(PyUnicode_DecodeLocale)
    DRV(PyUnicode_DecodeLocaleAndSize)
    DRV(PyUnicode_DecodeUTF8)
    DRV(PyUnicode_DecodeUTF8Stateful)
    DRV(PyUnicode_EncodeFSDefault)
    DRV(PyUnicode_EncodeLocale)
    DRV(PyUnicode_FSConverter)
    DRV(PyUnicode_FSDecoder)
    DRV(PyUnicode_Fill)
    DRV(PyUnicode_Find)
    DRV(PyUnicode_FindChar)
    DRV(PyUnicode_Format)
    DRV(PyUnicode_FromEncodedObject)
    DRV(PyUnicode_FromFormat)
    DRV(PyUnicode_FromFormatV)
    DRV(PyUnicode_FromKindAndData)
    DRV(PyUnicode_FromObject)
    DRV(PyUnicode_FromString)
    DRV(PyUnicode_FromStringAndSize)
    DRV(PyUnicode_FromWideChar)
    DRV(PyUnicode_GET_LENGTH)
    DRV(PyUnicode_GetLength)
    DRV(PyUnicode_InternFromString)
    DRV(PyUnicode_InternInPlace)
    DRV(PyUnicode_Join)
    DRV(PyUnicode_KIND)
    DRV(PyUnicode_MAX_CHAR_VALUE)
    DRV(PyUnicode_New)
    DRV(PyUnicode_READ)
    DRV(PyUnicode_READY)
    DRV(PyUnicode_READ_CHAR)
    DRV(PyUnicode_ReadChar)
    DRV(PyUnicode_Replace)
    DRV(PyUnicode_RichCompare)
    DRV(PyUnicode_Split)
    DRV(PyUnicode_Splitlines)
    DRV(PyUnicode_Substring)
    DRV(PyUnicode_Tailmatch)
    DRV(PyUnicode_WRITE)
    DRV(PyUnicode_WriteChar)
    DRV(PyWeakref_Check)
    DRV(PyWeakref_CheckProxy)
    DRV(PyWeakref_CheckRef)
    DRV(PyWeakref_GET_OBJECT)
    DRV(PyWeakref_GetObject)
    DRV(PyWeakref_GetRef)
    DRV(PyWeakref_NewProxy)
    DRV(PyWeakref_NewRef)
    DRV(Py_AtExit)
    DRV(Py_BuildValue)
    DRV(Py_CLEAR)
    DRV(Py_DECREF)
    DRV(Py_GetBuildInfo)
    DRV(Py_GetCompiler)
    DRV(Py_GetCopyright)
    DRV(Py_GetPlatform)
    DRV(Py_GetVersion)
    DRV(Py_INCREF)
    DRV(Py_Initialize)
    DRV(Py_IsInitialized)
    DRV(Py_NewRef)
    DRV(Py_ReprEnter)
    DRV(Py_ReprLeave)
    DRV(Py_TYPE)
    DRV(Py_VaBuildValue)
    DRV(Py_UNICODE_ISALNUM)
    DRV(Py_UNICODE_ISALPHA)
    DRV(Py_UNICODE_ISSPACE)
    DRV(Py_UNICODE_ISLOWER)
    DRV(Py_UNICODE_ISUPPER)
    DRV(Py_UNICODE_ISTITLE)
    DRV(Py_UNICODE_ISLINEBREAK)
    DRV(Py_UNICODE_ISDECIMAL)
    DRV(Py_UNICODE_ISDIGIT)
    DRV(Py_UNICODE_ISNUMERIC)
    DRV(Py_UNICODE_ISPRINTABLE)
    DRV(Py_UNICODE_TOLOWER)
    DRV(Py_UNICODE_TOUPPER)
    DRV(Py_UNICODE_TOTITLE)
    DRV(Py_UNICODE_TODECIMAL)
    DRV(Py_UNICODE_TODIGIT)
    DRV(Py_UNICODE_TONUMERIC)
    DRV(Py_XDECREF)
    DRV(Py_XINCREF)
    DRV(Py_XNewRef)
    DRV(_PyBytes_Resize)
    DRV(_PyObject_New)
    DRV(_PyObject_NewVar)
    DRV(_PyTuple_Resize)
    DRV(_Py_c_diff)
    DRV(_Py_c_neg)
    DRV(_Py_c_pow)
    DRV(_Py_c_prod)
    DRV(_Py_c_quot)
    DRV(_Py_c_sum)
};
#define N_DRIVERS (sizeof(drivers) / sizeof(drivers[0]))

/* Functions of the table the runtime implements but this test cannot call. */
static const char *const not_callable[] = {
    "Py_FatalError",   /* prints and aborts the process */
    "Py_Finalize",     /* would end the runtime the test runs in */
    "Py_Exit",         /* finalizes and exits the process */
};

/* --- disagreements with the table, each with its reason ----------------------------------------
 * param "" is the result. The reasons say whose the disagreement is: the table's (it does not
 * record steals; a few entries are wrong), or the runtime's (where it stores the current exception
 * normalised, as CPython 3.12 does, where it has no traceback objects...). */
typedef struct {
  const char *func, *param, *reason;
  int seen;
} ConfException;

static ConfException exceptions[] = {
    /* The table does not record steals: it lists 0 (or +1) where the call takes the caller's
     * reference (CPython's own note at the top of refcounts.dat). */
    {"PyList_SetItem", "item", "steals the item (the table does not record steals)", 0},
    {"PyList_SET_ITEM", "o", "steals the item (the table does not record steals)", 0},
    {"PyTuple_SetItem", "o", "steals the item (the table does not record steals)", 0},
    {"PyTuple_SET_ITEM", "o", "steals the item (the table does not record steals)", 0},
    {"PyCell_SET", "value", "the macro stores the caller's reference without releasing the old one (steals; the table says 0)", 0},
    {"PyModule_AddObject", "value", "steals the value, on success only (the table says +1)", 0},
    {"PyException_SetCause", "cause", "steals the cause (the table says +1)", 0},
    {"PyException_SetContext", "ctx", "steals the context (the table says +1)", 0},
    {"PyErr_SetExcInfo", "value", "steals its arguments, as CPython's implementation does (the table says 0)", 0},
    {"PyErr_SetExcInfo", "type", "steals its arguments, as CPython's implementation does (the table says 0)", 0},
    /* Out-parameters: the table writes 0 where they receive new references. */
    {"PyErr_Fetch", "ptype", "receives a new reference (the table says 0)", 0},
    {"PyErr_Fetch", "pvalue", "receives a new reference (the table says 0)", 0},
    {"PyBytes_Concat", "bytes", "in/out: *bytes is released and replaced by a new object", 0},
    {"PyBytes_ConcatAndDel", "bytes", "in/out: *bytes is released and replaced by a new object", 0},
    {"_PyBytes_Resize", "bytes", "in/out: the object may move; *bytes then holds the caller's reference at the new address", 0},
    {"_PyTuple_Resize", "p", "in/out: the object may move; *p then holds the caller's reference at the new address", 0},
    {"PyObject_GC_Resize", "op", "the object may move: the caller's reference passes to the result", 0},
    {"PyObject_GC_Resize", "", "the object may move: the result carries the caller's reference", 0},
    {"PyUnicode_InternInPlace", "string", "interning in place leaves the caller's one reference (3.11's interned strings are mortal; the table says +1)", 0},
    /* The runtime stores the current exception normalised (CPython 3.12): the class is not held by
     * the indicator, so raising does not change its count (3.11 stored the class: the table's +1). */
    {"PyErr_SetString", "type", "the indicator holds an instance, not the class (CPython 3.12's storage)", 0},
    {"PyErr_SetNone", "type", "the indicator holds an instance, not the class (CPython 3.12's storage)", 0},
    {"PyErr_SetObject", "type", "the indicator holds an instance, not the class (CPython 3.12's storage)", 0},
    {"PyErr_Format", "exception", "the indicator holds an instance, not the class (CPython 3.12's storage)", 0},
    {"PyErr_FormatV", "exception", "the indicator holds an instance, not the class (CPython 3.12's storage)", 0},
    {"PyErr_SetFromErrno", "type", "raises the errno's OSError subclass, an instance (CPython 3.12's storage)", 0},
    {"PyErr_SetFromErrnoWithFilename", "type", "raises the errno's OSError subclass, an instance (CPython 3.12's storage)", 0},
    {"PyErr_SetFromErrnoWithFilenameObject", "type", "raises the errno's OSError subclass, an instance (CPython 3.12's storage)", 0},
    {"PyErr_SetFromErrnoWithFilenameObjects", "type", "raises the errno's OSError subclass, an instance (CPython 3.12's storage)", 0},
    {"PyException_GetTraceback", "", "the runtime has no traceback objects: always NULL (no exception)", 0},
    {"PyObject_GetBuffer", "exporter", "the caller's view receives a new reference to the exporter, which PyBuffer_Release releases (the table says 0)", 0},
    {"PyBuffer_FillInfo", "exporter", "the caller's view receives a new reference to the exporter, which PyBuffer_Release releases (the table says 0)", 0},
    /* Other disagreements. */
    {"PyException_SetTraceback", "tb", "the runtime has no traceback objects: only None can be set, and it is stored as NULL", 0},
    {"PyObject_Init", "", "initialises the count to 1: the caller owns the new object (the table says 0)", 0},
    {"PyObject_InitVar", "", "initialises the count to 1: the caller owns the new object (the table says 0)", 0},
    {"PySet_Discard", "key", "does not steal (the table's -1 is wrong)", 0},
    {"PyEval_GetGlobals", "", "the runtime runs no Python code: no frame, so NULL (CPython's answer outside any frame)", 0},
    {"PyEval_GetFrame", "", "the runtime runs no Python code: no frame, so NULL (CPython's answer outside any frame)", 0},
    {"PyEval_GetLocals", "", "the runtime runs no Python code: no frame, so SystemError (CPython's answer outside any frame)", 0},
    {"Py_ReprEnter", "object", "the runtime's repr stack holds borrowed pointers (CPython keeps the object in a list)", 0},
    {"Py_ReprLeave", "object", "the runtime's repr stack holds borrowed pointers (CPython keeps the object in a list)", 0},
};
#define N_EXCEPTIONS (sizeof(exceptions) / sizeof(exceptions[0]))

/* --- refcounts.dat -----------------------------------------------------------------------------*/
typedef struct {
  char type[64], name[64], rc[16];
} Param;

typedef struct {
  char name[96];
  Param ret;
  Param params[16];
  int nparams;
  int implemented, checked;
} Entry;

static Entry *entries;
static size_t n_entries;

static void trim(char *s)
{
  size_t n = strlen(s);
  while (n > 0 && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
  size_t i = 0;
  while (s[i] && isspace((unsigned char)s[i])) i++;
  memmove(s, s + i, strlen(s + i) + 1);
}

static int load_table(const char *path)
{
  FILE *f = fopen(path, "r");
  if (f == NULL) return -1;
  char line[512];
  size_t cap = 0;
  while (fgets(line, sizeof(line), f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    char *fields[5] = {0};
    int nf = 0;
    char *p = line;
    fields[nf++] = p;
    while (nf < 5 && (p = strchr(p, ':')) != NULL) {
      *p++ = '\0';
      fields[nf++] = p;
    }
    if (nf < 4) continue;
    for (int i = 0; i < nf; i++) trim(fields[i]);
    Entry *e = n_entries ? &entries[n_entries - 1] : NULL;
    if (e == NULL || strcmp(e->name, fields[0]) != 0) {
      if (n_entries == cap) {
        cap = cap ? cap * 2 : 512;
        entries = realloc(entries, cap * sizeof(Entry));
      }
      e = &entries[n_entries++];
      memset(e, 0, sizeof(*e));
      snprintf(e->name, sizeof(e->name), "%.95s", fields[0]);
      snprintf(e->ret.type, sizeof(e->ret.type), "%.63s", fields[1]);
      snprintf(e->ret.rc, sizeof(e->ret.rc), "%.15s", fields[3]);
      continue;
    }
    if (e->nparams < 16) {
      Param *pa = &e->params[e->nparams++];
      snprintf(pa->type, sizeof(pa->type), "%.63s", fields[1]);
      snprintf(pa->name, sizeof(pa->name), "%.63s", fields[2]);
      snprintf(pa->rc, sizeof(pa->rc), "%.15s", fields[3]);
    }
  }
  fclose(f);
  return 0;
}

/* --- what the runtime implements -----------------------------------------------------------------*/
static char **impl;             /* exported symbols and header macros */
static size_t n_impl, impl_cap;
static char **funcs;            /* exported functions only (nm kind T) */
static size_t n_funcs, funcs_cap;

static void add_name(char ***v, size_t *n, size_t *cap, const char *name)
{
  if (*n == *cap) {
    *cap = *cap ? *cap * 2 : 1024;
    *v = realloc(*v, *cap * sizeof(char *));
  }
  (*v)[(*n)++] = strdup(name);
}

static void add_impl(const char *name) { add_name(&impl, &n_impl, &impl_cap, name); }

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int is_implemented(const char *name)
{
  return bsearch(&name, impl, n_impl, sizeof(char *), cmp_str) != NULL;
}

static int load_symbols(const char *path)
{
  FILE *f = fopen(path, "r");
  if (f == NULL) return -1;
  char line[512];
  while (fgets(line, sizeof(line), f)) {
    /* nm lines: "ADDRESS T NAME" for definitions */
    char addr[64], kind[8], name[256];
    if (sscanf(line, "%63s %7s %255s", addr, kind, name) == 3 && strchr("TDBR", kind[0]) != NULL) {
      add_impl(name);
      if (kind[0] == 'T') add_name(&funcs, &n_funcs, &funcs_cap, name);
    }
  }
  fclose(f);
  return 0;
}

/* Adds the names of the macros one header defines. */
static void load_macros_from(const char *path)
{
  char line[512];
  FILE *f = fopen(path, "r");
  if (f == NULL) return;
  while (fgets(line, sizeof(line), f)) {
    char *p = line;
    while (*p == ' ') p++;
    if (*p != '#') continue;
    p++;
    while (*p == ' ') p++;
    if (strncmp(p, "define", 6) != 0) continue;
    p += 6;
    while (*p == ' ') p++;
    char name[128];
    size_t n = 0;
    while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n + 1 < sizeof(name)) {
      name[n] = p[n];
      n++;
    }
    name[n] = '\0';
    if (n > 0) add_impl(name);
  }
  fclose(f);
}

/* Every header of the C-API: the .h files of HEADER-DIR and HEADER-DIR/cpython, but not the
 * runtime's own (pyrefcheck_*.h). */
static void load_macros(const char *dir)
{
  static const char *const subdirs[] = {"", "/cpython"};
  for (size_t i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
    char path[1024];
    snprintf(path, sizeof(path), "%s%s", dir, subdirs[i]);
    DIR *d = opendir(path);
    if (d == NULL) continue;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
      size_t n = strlen(ent->d_name);
      if (n < 3 || strcmp(ent->d_name + n - 2, ".h") != 0 || strncmp(ent->d_name, "pyrefcheck_", 11) == 0)
        continue;
      char file[1400];
      snprintf(file, sizeof(file), "%s/%s", path, ent->d_name);
      load_macros_from(file);
    }
    closedir(d);
  }
}

/* --- checking ---------------------------------------------------------------------------------------*/
static int problems;

static ConfException *find_exception(const char *func, const char *param)
{
  for (size_t i = 0; i < N_EXCEPTIONS; i++)
    if (strcmp(exceptions[i].func, func) == 0 && strcmp(exceptions[i].param, param) == 0) return &exceptions[i];
  return NULL;
}

static void mismatch(const Entry *e, const char *param, const char *fmt, long a, long b)
{
  ConfException *x = find_exception(e->name, param);
  char what[256];
  snprintf(what, sizeof(what), fmt, a, b);
  if (x != NULL && x->reason != NULL) {
    x->seen = 1;
    return;
  }
  if (x != NULL) x->seen = 1;
  problems++;
  printf("MISMATCH %s(%s): %s\n", e->name, *param ? param : "result", what);
}

static int is_object_param(const Param *p) { return p->rc[0] != '\0'; }

static void check_entry(Entry *e, const Driver *d)
{
  PyErr_Clear();
  d->fn();
  e->checked = 1;
  if (!conf.begun || !conf.ended) {
    problems++;
    printf("DRIVER %s: did not measure a call\n", e->name);
    PyErr_Clear();
    return;
  }
  int nobj = 0;
  for (int i = 0; i < e->nparams; i++) nobj += is_object_param(&e->params[i]);
  if (nobj != conf.nargs) {
    problems++;
    printf("DRIVER %s: names %d object parameters, the table %d\n", e->name, conf.nargs, nobj);
    PyErr_Clear();
    return;
  }
  /* the result */
  const char *rrc = e->ret.rc;
  if (strcmp(rrc, "null") == 0) {
    if (conf.has_result && conf.result != NULL) mismatch(e, "", "the table says always NULL, got an object%.0ld%.0ld", 0, 0);
  } else if (rrc[0] != '\0') {
    if (!conf.has_result) {
      problems++;
      printf("DRIVER %s: does not hand over the result\n", e->name);
    } else if (conf.result == NULL && !PyErr_Occurred()) {
      mismatch(e, "", "returned NULL without an exception: nothing to measure%.0ld%.0ld", 0, 0);
    } else if (conf.result == NULL && find_exception(e->name, "") != NULL) {
      mismatch(e, "", "raised an exception: nothing to measure%.0ld%.0ld", 0, 0);
    } else if (conf.result == NULL) {
      problems++;
      printf("CALL %s failed: %s\n", e->name, ((PyTypeObject *)PyErr_Occurred())->tp_name);
    } else {
      long want = strcmp(rrc, "+1") == 0 ? 1 : 0;
      if (conf.result_owned != want)
        mismatch(e, "", "the table says %+ld, the caller owns %+ld reference(s) after the call", want, conf.result_owned);
    }
  }
  /* the object parameters, in order */
  int k = 0;
  for (int i = 0; i < e->nparams; i++) {
    const Param *p = &e->params[i];
    if (!is_object_param(p)) continue;
    int j = k++;
    long rc = strcmp(p->rc, "+1") == 0 ? 1 : strcmp(p->rc, "-1") == 0 ? -1 : 0;
    if (conf.args[j].out != NULL) {
      if (!conf.out_set[j]) continue;
      long want = rc > 0 ? 1 : 0;
      if (conf.out_owned[j] != want)
        mismatch(e, p->name, "out-parameter: the table says %+ld, the caller owns %+ld new reference(s)", rc, conf.out_owned[j]);
      continue;
    }
    if (!conf.arg_measured[j]) continue;
    long drc = conf.arg_rc[j], down = conf.arg_owned[j];
    /* -1: the caller's reference is consumed (a DECREF or a steal); 0: the caller keeps exactly its
     * references (the callee may keep references of its own); +1: the object gains a reference
     * and the caller loses none. */
    int ok = rc > 0 ? drc >= 1 && down >= 0 : rc < 0 ? down == -1 : down == 0;
    if (!ok)
      mismatch(e, p->name, rc > 0 ? "the table says +1 (a new reference taken): count %+ld, caller's references %+ld"
               : rc < 0 ? "the table says -1 (the caller's reference consumed): count %+ld, caller's references %+ld"
                        : "the table says 0 (borrowed): count %+ld, caller's references %+ld",
               drc, down);
  }
  PyErr_Clear();
}

static const Driver *find_driver(const char *name)
{
  for (size_t i = 0; i < N_DRIVERS; i++)
    if (strcmp(drivers[i].name, name) == 0) return &drivers[i];
  return NULL;
}

static int is_not_callable(const char *name)
{
  for (size_t i = 0; i < sizeof(not_callable) / sizeof(not_callable[0]); i++)
    if (strcmp(not_callable[i], name) == 0) return 1;
  return 0;
}

/* --- docs/runtime-api.md --------------------------------------------------------------------------*/
static int is_public_symbol(const char *s)
{
  return (strncmp(s, "Py", 2) == 0 || strncmp(s, "_Py", 3) == 0) && strncmp(s, "PyExc_", 6) != 0 &&
         strchr(s, '.') == NULL;
}

static int in_table(const char *name)
{
  for (size_t i = 0; i < n_entries; i++)
    if (strcmp(entries[i].name, name) == 0) return 1;
  return 0;
}

/* The family of an API name: the prefix up to its first underscore after the first character. */
static void family_of(const char *name, char *out, size_t n)
{
  const char *u = strchr(name + 1, '_');
  size_t len = u ? (size_t)(u - name) : strlen(name);
  if (len >= n) len = n - 1;
  memcpy(out, name, len);
  out[len] = '\0';
}

static int write_doc(const char *path, size_t implemented, size_t checked)
{
  FILE *f = fopen(path, "w");
  if (f == NULL) return -1;
  fprintf(f, "# The runtime's C-API\n\n");
  fprintf(f, "<!-- Generated by tests/runtime/test_capi_conformance.c (--doc) from the runtime's exported\n"
             "     symbols and header macros against Doc/data/refcounts.dat. Do not edit: the test\n"
             "     runtime.capi-api-doc fails when this file is out of date. -->\n\n");
  fprintf(f, "`runtime/include/Python.h` offers CPython 3.11's C-API for extension code; this page lists "
             "what the runtime implements, measured against CPython's own table of the API "
             "(`Doc/data/refcounts.dat`, %zu functions and macros).\n\n", n_entries);
  fprintf(f, "**Coverage: %zu of the %zu functions and macros in the table are implemented (%.0f%%); "
             "%zu of them are checked by execution** (runtime.capi-conformance: the result is new or "
             "borrowed and each argument borrowed, kept or stolen as the table says, or an exception "
             "below explains why not). Not checked: %s.\n\n",
          implemented, n_entries, 100.0 * (double)implemented / (double)n_entries, checked,
          "`Py_FatalError` (aborts), `Py_Finalize` (would end the runtime under the test), "
          "`Py_Exit` (ends the process)");
  fprintf(f, "## Where the runtime and the table disagree\n\n");
  fprintf(f, "| function | parameter | why |\n| --- | --- | --- |\n");
  for (size_t i = 0; i < N_EXCEPTIONS; i++)
    fprintf(f, "| `%s` | %s | %s |\n", exceptions[i].func,
            exceptions[i].param[0] ? exceptions[i].param : "result", exceptions[i].reason ? exceptions[i].reason : "");
  fprintf(f, "\n## Implemented, by family\n\n");
  fprintf(f, "Names in the table, and (*in italics*) functions the runtime exports that the table does "
             "not list: newer API (3.12-3.14), the stable-ABI functions behind macros, and private names "
             "extensions use.\n\n");
  char fam[64], cur[64] = "";
  /* families in the order of the sorted union of table names and exported names */
  size_t nall = 0, extra = 0;
  const char **all = malloc((n_entries + n_funcs) * sizeof(char *));
  for (size_t i = 0; i < n_entries; i++)
    if (entries[i].implemented) all[nall++] = entries[i].name;
  for (size_t i = 0; i < n_funcs; i++)
    if (is_public_symbol(funcs[i]) && !in_table(funcs[i]) && (i == 0 || strcmp(funcs[i], funcs[i - 1]) != 0)) {
      all[nall++] = funcs[i];
      extra++;
    }
  qsort(all, nall, sizeof(char *), cmp_str);
  for (size_t i = 0; i < nall; i++) {
    family_of(all[i], fam, sizeof(fam));
    if (strcmp(fam, cur) != 0) {
      fprintf(f, "%s- **%s**: ", cur[0] ? "\n" : "", fam);
      snprintf(cur, sizeof(cur), "%s", fam);
    } else {
      fprintf(f, ", ");
    }
    fprintf(f, in_table(all[i]) ? "`%s`" : "*`%s`*", all[i]);
  }
  fprintf(f, "\n\n%zu names from the table and %zu more functions.\n", nall - extra, extra);
  fprintf(f, "\n## Missing: in the table, not implemented\n\n");
  cur[0] = '\0';
  size_t missing = 0;
  for (size_t i = 0; i < n_entries; i++) {
    if (entries[i].implemented) continue;
    missing++;
    family_of(entries[i].name, fam, sizeof(fam));
    if (strcmp(fam, cur) != 0) {
      fprintf(f, "%s- **%s**: ", cur[0] ? "\n" : "", fam);
      snprintf(cur, sizeof(cur), "%s", fam);
    } else {
      fprintf(f, ", ");
    }
    fprintf(f, "`%s`", entries[i].name);
  }
  fprintf(f, "\n\n%zu names. Beyond the table, what the runtime does not do at all: no Python code "
             "(no evaluation loop, no `PyRun_*`, no code, frame, function or generator objects, no "
             "tracebacks: `PyFunction_Type` exists for `PyFunction_Check` only), no import system (only "
             "modules registered with `rt_module_from_init` or `PyImport_AddModule` can be imported), "
             "no codecs registry (str encodes and decodes UTF-8, Latin-1, ASCII and the locale and "
             "file-system encodings only), no datetime C-API capsule, no context variables, ints "
             "limited to 64 bits (OverflowError beyond), str stored as UTF-8 (the PEP 393 macros are a "
             "view over it), heap types of the metatype `type` only, multiple bases with a simple "
             "depth-first MRO (no C3), no digit-level int API (`_PyLong_New`, `PyLongWriter`), and no "
             "format-spec mini-language (`PyObject_Format` with a non-empty spec raises).\n", missing);
  free(all);
  return fclose(f);
}

int main(int argc, char **argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: %s REFCOUNTS.DAT SYMBOLS HEADER-DIR [--doc OUTPUT.md]\n", argv[0]);
    return 2;
  }
  const char *doc = argc >= 6 && strcmp(argv[4], "--doc") == 0 ? argv[5] : NULL;
  if (load_table(argv[1]) < 0 || load_symbols(argv[2]) < 0) {
    fprintf(stderr, "cannot read %s or %s\n", argv[1], argv[2]);
    return 2;
  }
  load_macros(argv[3]);
  qsort(impl, n_impl, sizeof(char *), cmp_str);
  qsort(funcs, n_funcs, sizeof(char *), cmp_str);
  Py_Initialize();
  PyType_Ready(&ConfPlain_Type);
  PyType_Ready(&ConfGC_Type);
  PyType_Ready(&ConfAsync_Type);
  PyType_Ready(&ConfMat_Type);
  size_t implemented = 0, checked = 0;
  for (size_t i = 0; i < n_entries; i++) {
    Entry *e = &entries[i];
    e->implemented = is_implemented(e->name);
    if (!e->implemented) continue;
    implemented++;
    if (is_not_callable(e->name)) continue;
    const Driver *d = find_driver(e->name);
    if (d == NULL) {
      problems++;
      printf("NO DRIVER for %s, which the runtime implements\n", e->name);
      continue;
    }
    check_entry(e, d);
    checked++;
  }
  for (size_t i = 0; i < N_EXCEPTIONS; i++)
    if (!exceptions[i].seen) {
      problems++;
      printf("STALE exception %s(%s): the runtime now agrees with the table\n", exceptions[i].func,
             exceptions[i].param[0] ? exceptions[i].param : "result");
    }
  printf("coverage: %zu of %zu functions and macros in refcounts.dat implemented (%.1f%%), %zu checked "
         "by execution, %zu exceptions to the table\n",
         implemented, n_entries, 100.0 * (double)implemented / (double)n_entries, checked, N_EXCEPTIONS);
  if (doc != NULL && write_doc(doc, implemented, checked) != 0) {
    fprintf(stderr, "cannot write %s\n", doc);
    return 2;
  }
  printf("%s\n", problems ? "FAIL" : "ok");
  return problems ? 1 : 0;
}
