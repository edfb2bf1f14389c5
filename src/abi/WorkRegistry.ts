import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    RoleGranted: event("0x2ae6a113c0ed5b78a53413ffbb7679881f11145ccfba4fb92e863dfcd5a1d2f3", "RoleGranted(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    RoleRevoked: event("0x155aaafb6329a2098580462df33ec4b7441b19729b9601c5fc17ae1cf99a8a52", "RoleRevoked(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    WorkRegistered: event("0x2376b9aa0b86909dae8c0f5d7f307431e1718a50a65859d449495e6428de0430", "WorkRegistered(uint256,address,address[],bytes32,string)", {"workId": indexed(p.uint256), "registrant": indexed(p.address), "authors": p.array(p.address), "contentHash": p.bytes32, "title": p.string}),
}

export const functions = {
    GOVERNANCE: viewFun("0x14627834", "GOVERNANCE()", {}, p.bytes32),
    MAX_AUTHORS: viewFun("0x36df5764", "MAX_AUTHORS()", {}, p.uint256),
    MODULE: viewFun("0x094d3a34", "MODULE()", {}, p.bytes32),
    exists: viewFun("0x4f558e79", "exists(uint256)", {"workId": p.uint256}, p.bool),
    getAuthors: viewFun("0x53424dd0", "getAuthors(uint256)", {"workId": p.uint256}, p.array(p.address)),
    grantRole: fun("0x2f2ff15d", "grantRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    hasRole: viewFun("0x91d14854", "hasRole(bytes32,address)", {"_0": p.bytes32, "_1": p.address}, p.bool),
    isAuthor: viewFun("0x528924c3", "isAuthor(uint256,address)", {"_0": p.uint256, "_1": p.address}, p.bool),
    isCoauthor: viewFun("0x7d118cd6", "isCoauthor(address,address)", {"_0": p.address, "_1": p.address}, p.bool),
    registerWork: fun("0x789512d4", "registerWork(address[],bytes32,string)", {"authors": p.array(p.address), "contentHash": p.bytes32, "title": p.string}, p.uint256),
    revokeRole: fun("0xd547741f", "revokeRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    workCount: viewFun("0x3343fa42", "workCount()", {}, p.uint256),
    works: viewFun("0xc66e1dd5", "works(uint256)", {"_0": p.uint256}, {"contentHash": p.bytes32, "registeredAt": p.uint64, "registrant": p.address}),
}

export class Contract extends ContractBase {

    GOVERNANCE() {
        return this.eth_call(functions.GOVERNANCE, {})
    }

    MAX_AUTHORS() {
        return this.eth_call(functions.MAX_AUTHORS, {})
    }

    MODULE() {
        return this.eth_call(functions.MODULE, {})
    }

    exists(workId: ExistsParams["workId"]) {
        return this.eth_call(functions.exists, {workId})
    }

    getAuthors(workId: GetAuthorsParams["workId"]) {
        return this.eth_call(functions.getAuthors, {workId})
    }

    hasRole(_0: HasRoleParams["_0"], _1: HasRoleParams["_1"]) {
        return this.eth_call(functions.hasRole, {_0, _1})
    }

    isAuthor(_0: IsAuthorParams["_0"], _1: IsAuthorParams["_1"]) {
        return this.eth_call(functions.isAuthor, {_0, _1})
    }

    isCoauthor(_0: IsCoauthorParams["_0"], _1: IsCoauthorParams["_1"]) {
        return this.eth_call(functions.isCoauthor, {_0, _1})
    }

    workCount() {
        return this.eth_call(functions.workCount, {})
    }

    works(_0: WorksParams["_0"]) {
        return this.eth_call(functions.works, {_0})
    }
}

/// Event types
export type RoleGrantedEventArgs = EParams<typeof events.RoleGranted>
export type RoleRevokedEventArgs = EParams<typeof events.RoleRevoked>
export type WorkRegisteredEventArgs = EParams<typeof events.WorkRegistered>

/// Function types
export type GOVERNANCEParams = FunctionArguments<typeof functions.GOVERNANCE>
export type GOVERNANCEReturn = FunctionReturn<typeof functions.GOVERNANCE>

export type MAX_AUTHORSParams = FunctionArguments<typeof functions.MAX_AUTHORS>
export type MAX_AUTHORSReturn = FunctionReturn<typeof functions.MAX_AUTHORS>

export type MODULEParams = FunctionArguments<typeof functions.MODULE>
export type MODULEReturn = FunctionReturn<typeof functions.MODULE>

export type ExistsParams = FunctionArguments<typeof functions.exists>
export type ExistsReturn = FunctionReturn<typeof functions.exists>

export type GetAuthorsParams = FunctionArguments<typeof functions.getAuthors>
export type GetAuthorsReturn = FunctionReturn<typeof functions.getAuthors>

export type GrantRoleParams = FunctionArguments<typeof functions.grantRole>
export type GrantRoleReturn = FunctionReturn<typeof functions.grantRole>

export type HasRoleParams = FunctionArguments<typeof functions.hasRole>
export type HasRoleReturn = FunctionReturn<typeof functions.hasRole>

export type IsAuthorParams = FunctionArguments<typeof functions.isAuthor>
export type IsAuthorReturn = FunctionReturn<typeof functions.isAuthor>

export type IsCoauthorParams = FunctionArguments<typeof functions.isCoauthor>
export type IsCoauthorReturn = FunctionReturn<typeof functions.isCoauthor>

export type RegisterWorkParams = FunctionArguments<typeof functions.registerWork>
export type RegisterWorkReturn = FunctionReturn<typeof functions.registerWork>

export type RevokeRoleParams = FunctionArguments<typeof functions.revokeRole>
export type RevokeRoleReturn = FunctionReturn<typeof functions.revokeRole>

export type WorkCountParams = FunctionArguments<typeof functions.workCount>
export type WorkCountReturn = FunctionReturn<typeof functions.workCount>

export type WorksParams = FunctionArguments<typeof functions.works>
export type WorksReturn = FunctionReturn<typeof functions.works>

